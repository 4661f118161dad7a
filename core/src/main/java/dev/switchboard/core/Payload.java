package dev.switchboard.core;

import dev.switchboard.core.internal.Json;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable JSON value carried by an event, a request, a reply or a publication.
 *
 * <p>A payload is created either from a Java value ({@link #of(Object)}: maps, lists, strings,
 * numbers, booleans, records, beans, {@code byte[]}) or from JSON text ({@link #json(String)}). Each
 * side is computed lazily, at most once, and cached, so a publication fanned out to many sockets is
 * encoded once. Payloads received over SocketCluster keep the JSON text the peer sent and are parsed
 * only when read, so an echoed or relayed payload goes out as it came in. {@link #none()} stands for
 * an absent value (JavaScript's {@code undefined}): envelopes omit it. {@link #nullValue()} is JSON
 * {@code null}, which envelopes carry. Both have an empty {@link #value()}.
 *
 * <p>Binary data is written as {@code {"base64":true,"data":"..."}}, as SocketCluster does; {@link
 * #asBytes()} reads it back.
 *
 * <p>Thread-safe: the lazy caches are idempotent, so a race computes the same value twice at worst.
 */
public final class Payload {
    private static final Object NULL = new Object();
    private static final Payload NONE = new Payload(NULL, "null");
    private static final Payload JSON_NULL = new Payload(NULL, "null");

    private volatile Object value; // null = not decoded yet; NULL = JSON null
    private volatile String json; // null = not encoded yet
    private final boolean fromText; // made from JSON text, so json is that text as given

    private Payload(Object value, String json) {
        this.value = value;
        this.json = json;
        this.fromText = value == null;
    }

    /** The absent value (JavaScript's {@code undefined}). */
    public static Payload none() {
        return NONE;
    }

    /** JSON {@code null}. */
    public static Payload nullValue() {
        return JSON_NULL;
    }

    /** A payload for a Java value; a {@code Payload} is returned as it is. */
    public static Payload of(Object value) {
        Objects.requireNonNull(value, "value (use Payload.none() for no value)");
        if (value instanceof Payload p) {
            return p;
        }
        if (value instanceof Optional<?> o) {
            return o.map(Payload::of).orElse(NONE);
        }
        return new Payload(value, null);
    }

    /**
     * A payload for JSON text, parsed on first access. The text is not checked here: reading the value of
     * malformed text fails, and endpoints that relay a payload (SocketCluster envelopes, Socket.IO
     * packets, the Redis broker) send the text as it is, so it must be well-formed JSON.
     */
    public static Payload json(String json) {
        Objects.requireNonNull(json, "json");
        return "null".equals(json) ? JSON_NULL : new Payload(null, json);
    }

    /** A payload for a value decoded from JSON, where {@code null} means JSON null. */
    public static Payload ofNullable(Object decoded) {
        return decoded == null ? JSON_NULL : new Payload(decoded, null);
    }

    /**
     * Whether this payload was made from JSON text ({@link #json(String)}, or received from a peer), so
     * that {@link #json()} is that text as given rather than an encoding of a Java value.
     */
    public boolean isJsonText() {
        return fromText;
    }

    /** Whether this is the absent value, which envelopes omit. */
    public boolean isNone() {
        return this == NONE;
    }

    /** Whether this is JSON {@code null}. */
    public boolean isNull() {
        return this != NONE && tree() == NULL;
    }

    /** The JSON text of this payload. */
    public String json() {
        String j = json;
        if (j == null) {
            j = Json.encode(value);
            json = j;
        }
        return j;
    }

    private Object tree() {
        Object v = value;
        if (v == null) {
            Object decoded = Json.decode(json);
            v = decoded == null ? NULL : decoded;
            value = v;
        }
        return v;
    }

    /**
     * The value as a plain Java tree: {@code Map<String,Object>}, {@code List<Object>}, {@code String},
     * a {@code Number} or a {@code Boolean}; or the Java object this payload was created from. Empty for
     * {@link #none()}.
     */
    public Optional<Object> value() {
        Object v = tree();
        return v == NULL ? Optional.empty() : Optional.of(v);
    }

    /** Converts the value to {@code type} (records and beans by property name). */
    public <T> T as(Class<T> type) {
        Object v = tree();
        if (v == NULL) {
            throw new SwitchboardException("payload is empty, cannot read it as " + type.getSimpleName());
        }
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        return Json.convert(v, type);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> asMap() {
        return as(Map.class);
    }

    @SuppressWarnings("unchecked")
    public List<Object> asList() {
        return as(List.class);
    }

    public String asString() {
        return as(String.class);
    }

    public long asLong() {
        return as(Number.class).longValue();
    }

    public double asDouble() {
        return as(Number.class).doubleValue();
    }

    public boolean asBoolean() {
        return as(Boolean.class);
    }

    /**
     * A field of an object payload: empty when this is not an object or the field is absent, {@link
     * #nullValue()} when the field is JSON null.
     */
    public Optional<Payload> field(String name) {
        return tree() instanceof Map<?, ?> m && m.containsKey(name) ? Optional.of(ofNullable(m.get(name))) : Optional.empty();
    }

    /** Reads binary data: a {@code byte[]} value, or a SocketCluster {@code {"base64":true,"data":...}} object. */
    public byte[] asBytes() {
        Object v = tree();
        if (v instanceof byte[] b) {
            return b.clone();
        }
        if (v instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("base64")) && m.get("data") instanceof String s) {
            return Base64.getDecoder().decode(s);
        }
        throw new SwitchboardException("payload is not binary data: " + json());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payload p && (p == this || (p.isNone() == isNone() && p.json().equals(json())));
    }

    @Override
    public int hashCode() {
        return json().hashCode();
    }

    /** The JSON text. */
    @Override
    public String toString() {
        return json();
    }
}
