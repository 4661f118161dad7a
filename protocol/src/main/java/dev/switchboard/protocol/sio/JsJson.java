package dev.switchboard.protocol.sio;

import dev.switchboard.core.Payload;
import dev.switchboard.core.SwitchboardException;
import dev.switchboard.core.internal.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes Java values as JSON text identical to JavaScript's {@code JSON.stringify}: no whitespace,
 * map insertion order, numbers as JavaScript prints them ({@code 1} not {@code 1.0}, {@code 1e+21},
 * {@code null} for NaN and infinities), lower-case <code>&#92;u00xx</code> escapes and escaped lone
 * surrogates. Jackson is not used for the common types because its output differs in these details
 * and because extracting attachments needs a walk over the tree anyway. A {@link Payload} made from JSON
 * text (received from a client, a SocketCluster peer or the Redis broker) is written as that text.
 *
 * <p>Binary ({@code byte[]}) becomes a placeholder {@code {"_placeholder":true,"num":i}}, numbered
 * depth-first in writing order, and is appended to the attachment list.
 */
final class JsJson {
    /** Deeper than this is almost surely a cycle; JSON.stringify would throw too. */
    static final int MAX_DEPTH = 1000;

    private JsJson() {}

    /**
     * Appends {@code value}.
     *
     * @param attachments where extracted binary goes; {@code null} when binary is not allowed
     */
    static void write(StringBuilder sb, Object value, List<byte[]> attachments, int depth) {
        switch (value) {
            case null -> sb.append("null");
            case String s -> quote(sb, s);
            case Boolean b -> sb.append(b.booleanValue());
            case Number n -> appendNumber(sb, n);
            case byte[] bytes -> placeholder(sb, bytes, attachments);
            case Map<?, ?> map -> writeMap(sb, map, attachments, depth + 1);
            case JsonValues received -> writeIterable(sb, received.payloads(), attachments, depth + 1);
            case Iterable<?> iterable -> writeIterable(sb, iterable, attachments, depth + 1);
            case Object[] array -> writeIterable(sb, Arrays.asList(array), attachments, depth + 1);
            case Optional<?> optional -> write(sb, optional.orElse(null), attachments, depth);
            // text from a peer goes out as it came (as SocketCluster envelopes do); it holds no binary
            case Payload payload when payload.isJsonText() -> sb.append(payload.json());
            case Payload payload -> write(sb, payload.value().orElse(null), attachments, depth);
            case Character c -> quote(sb, c.toString());
            case char[] chars -> quote(sb, new String(chars));
            case Enum<?> e -> quote(sb, e.name());
            default -> write(sb, Json.convert(value, Object.class), attachments, depth + 1);
        }
    }

    private static void placeholder(StringBuilder sb, byte[] bytes, List<byte[]> attachments) {
        if (attachments == null) {
            throw new SwitchboardException("binary data (byte[]) is only allowed in EVENT and ACK packets");
        }
        sb.append("{\"_placeholder\":true,\"num\":").append(attachments.size()).append('}');
        attachments.add(bytes);
    }

    private static void writeMap(StringBuilder sb, Map<?, ?> map, List<byte[]> attachments, int depth) {
        checkDepth(depth);
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = e.getValue();
            // JSON.stringify leaves out undefined members; an empty Optional or Payload.none() is that
            if (v instanceof Optional<?> o && o.isEmpty() || v instanceof Payload p && p.isNone()) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            quote(sb, String.valueOf(e.getKey()));
            sb.append(':');
            write(sb, v, attachments, depth);
        }
        sb.append('}');
    }

    private static void writeIterable(StringBuilder sb, Iterable<?> items, List<byte[]> attachments, int depth) {
        checkDepth(depth);
        sb.append('[');
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            write(sb, item, attachments, depth);
        }
        sb.append(']');
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new SwitchboardException("data nested deeper than " + MAX_DEPTH + " levels (or cyclic)");
        }
    }

    /** A number as JavaScript's {@code String(n)} prints it; also the name of a numeric event. */
    static String number(Number n) {
        StringBuilder sb = new StringBuilder(24);
        appendNumber(sb, n);
        return sb.toString();
    }

    private static void appendNumber(StringBuilder sb, Number n) {
        switch (n) {
            case Integer i -> sb.append(i.intValue());
            case Long l -> sb.append(l.longValue());
            case Short s -> sb.append(s.shortValue());
            case Byte b -> sb.append(b.byteValue());
            case AtomicInteger a -> sb.append(a.get());
            case AtomicLong a -> sb.append(a.get());
            // beyond 2^53 JavaScript would round; the digits are still valid JSON and lose nothing here
            case BigInteger b -> sb.append(b);
            case BigDecimal b -> sb.append(b);
            // via the float's own shortest form, so 0.1f prints 0.1 and not 0.10000000149011612
            case Float f -> JsNumber.append(sb, Double.parseDouble(f.toString()));
            default -> JsNumber.append(sb, n.doubleValue());
        }
    }

    /** Appends a JSON string literal as JSON.stringify writes it. */
    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        int run = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            String escape = null;
            if (c == '"') {
                escape = "\\\"";
            } else if (c == '\\') {
                escape = "\\\\";
            } else if (c < 0x20) {
                escape = switch (c) {
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> unicodeEscape(c);
                };
            } else if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        ? i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))
                        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
                if (!paired) {
                    escape = unicodeEscape(c);
                }
            }
            if (escape != null) {
                sb.append(s, run, i).append(escape);
                run = i + 1;
            }
        }
        sb.append(s, run, len).append('"');
    }

    private static String unicodeEscape(char c) {
        String hex = Integer.toHexString(c);
        return "\\u" + "0000".substring(hex.length()) + hex;
    }
}
