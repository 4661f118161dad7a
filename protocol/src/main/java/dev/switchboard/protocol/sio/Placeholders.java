package dev.switchboard.protocol.sio;

import java.util.List;
import java.util.Map;

/**
 * Finds and resolves binary placeholders in a decoded JSON tree.
 *
 * <p>Stricter than socket.io-parser, which only checks that {@code num} is a number in range: a
 * placeholder here must be exactly {@code {"_placeholder":true,"num":<int>}}. Anything looser is what
 * GHSA-qm95-pgcg-qqfq exploited ({@code "num":"splice"} resolved to a function), and no client
 * produces it. Recursion depth is bounded by the JSON parser's nesting limit.
 */
final class Placeholders {
    private static final String MARKER = "_placeholder";
    private static final String NUM = "num";

    private Placeholders() {}

    /**
     * Checks every placeholder in {@code tree} against {@code attachments} declared attachments.
     *
     * @param binary whether the packet is a binary one; the decoder only checks binary packets, since
     *               elsewhere a placeholder-shaped object is plain data (as in socket.io)
     */
    static void check(Object tree, int attachments, boolean binary) {
        if (tree instanceof Map<?, ?> map) {
            if (isPlaceholder(map)) {
                if (!binary) {
                    throw new SioParseException("binary placeholder in a packet without attachments");
                }
                index(map, attachments);
                return;
            }
            for (Object v : map.values()) {
                check(v, attachments, binary);
            }
        } else if (tree instanceof List<?> list) {
            for (Object v : list) {
                check(v, attachments, binary);
            }
        }
    }

    /** Replaces every placeholder by its attachment, in place; returns the (possibly replaced) root. */
    @SuppressWarnings("unchecked")
    static Object resolve(Object tree, List<byte[]> buffers) {
        if (tree instanceof Map<?, ?> map) {
            if (isPlaceholder(map)) {
                return buffers.get(index(map, buffers.size()));
            }
            for (Map.Entry<?, Object> e : ((Map<?, Object>) map).entrySet()) {
                e.setValue(resolve(e.getValue(), buffers));
            }
        } else if (tree instanceof List<?> list) {
            List<Object> items = (List<Object>) list;
            for (int i = 0; i < items.size(); i++) {
                items.set(i, resolve(items.get(i), buffers));
            }
        }
        return tree;
    }

    private static boolean isPlaceholder(Map<?, ?> map) {
        return Boolean.TRUE.equals(map.get(MARKER));
    }

    private static int index(Map<?, ?> placeholder, int attachments) {
        if (placeholder.size() != 2 || !placeholder.containsKey(NUM)) {
            throw new SioParseException("malformed binary placeholder " + placeholder.keySet());
        }
        Object num = placeholder.get(NUM);
        long index = num instanceof Integer || num instanceof Long ? ((Number) num).longValue() : -1;
        if (index < 0 || index >= attachments) {
            throw new SioParseException("binary placeholder num " + describe(num) + " outside 0.."
                    + (attachments - 1));
        }
        return (int) index;
    }

    private static String describe(Object num) {
        String s = String.valueOf(num);
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
