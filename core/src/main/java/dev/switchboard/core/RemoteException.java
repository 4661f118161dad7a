package dev.switchboard.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An error that crosses the wire: a name (such as {@code BadCustomError}), a message, and any extra
 * fields. This is SocketCluster's dehydrated error: {@code {"message":"...","name":"...", ...fields}}.
 * Stack traces never travel.
 *
 * <p>Servers answer a request with one ({@code request.error(RemoteException.of("BadCustomError",
 * "..."))}); clients receive one when a remote procedure fails.
 */
public class RemoteException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final Map<String, Object> fields;

    public RemoteException(String name, String message, Map<String, ?> fields) {
        super(Objects.requireNonNull(message, "message"));
        this.name = Objects.requireNonNull(name, "name");
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.remove("name");
        copy.remove("message");
        this.fields = Collections.unmodifiableMap(copy);
    }

    public static RemoteException of(String name, String message) {
        return new RemoteException(name, message, Map.of());
    }

    /** A copy with one more field. */
    public RemoteException with(String field, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(fields);
        more.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(value, "value"));
        return new RemoteException(name, getMessage(), more);
    }

    /** The error's name as the remote peer sees it. */
    public String name() {
        return name;
    }

    /** Extra fields, without {@code name} and {@code message}. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** The wire form: message, name, then the extra fields. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message", getMessage());
        out.put("name", name);
        out.putAll(fields);
        return out;
    }

    /**
     * The wire form of any throwable: a {@code RemoteException} as it is, any other as its simple class
     * name and message.
     */
    public static RemoteException from(Throwable error) {
        if (error instanceof RemoteException r) {
            return r;
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return of(error.getClass().getSimpleName(), message);
    }

    /** Rebuilds an error from its wire form; a non-object payload becomes the message of an {@code Error}. */
    public static RemoteException fromPayload(Payload payload) {
        if (payload.value().orElse(null) instanceof Map<?, ?> m) {
            Map<String, Object> fields = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (v != null) {
                    fields.put(String.valueOf(k), v);
                }
            });
            Object message = m.get("message");
            Object name = m.get("name");
            return new RemoteException(name instanceof String s ? s : "Error",
                    message instanceof String s ? s : "Invalid error message format", fields);
        }
        return of("Error", payload.json());
    }

    @Override
    public String toString() {
        return name + ": " + getMessage();
    }
}
