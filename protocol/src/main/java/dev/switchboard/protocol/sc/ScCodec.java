package dev.switchboard.protocol.sc;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Encodes and decodes SocketCluster envelopes. Stateless and thread-safe.
 *
 * <p>Encoders build the envelope around the payload's cached JSON text, so a payload sent to many
 * sockets is serialised once.
 */
public final class ScCodec {
    private ScCodec() {}

    /**
     * Decodes one frame into its packets: one for an object, one per element for a batch, a single
     * {@link ScPacket.Raw} for anything that is not JSON or not an envelope. Never throws on content.
     */
    public static List<ScPacket> decode(String text) {
        if (!looksLikeJson(text)) {
            return List.of(new ScPacket.Raw(text));
        }
        Object tree;
        try {
            tree = Json.decode(text);
        } catch (RuntimeException malformed) {
            return List.of(new ScPacket.Raw(text));
        }
        if (tree instanceof List<?> batch) {
            List<ScPacket> packets = new ArrayList<>(batch.size());
            for (Object element : batch) {
                packets.add(element instanceof Map<?, ?> m ? interpret(m, null) : new ScPacket.Raw(rawText(element)));
            }
            return packets;
        }
        return List.of(tree instanceof Map<?, ?> m ? interpret(m, text) : new ScPacket.Raw(text));
    }

    private static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    private static ScPacket interpret(Map<?, ?> m, String original) {
        Object event = m.get("event");
        if (event instanceof String name) {
            OptionalLong cid = m.get("cid") instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
            return new ScPacket.Event(name, data(m), cid);
        }
        if (m.get("rid") instanceof Number rid) {
            Object error = m.get("error");
            Optional<RemoteException> err = error == null
                    ? Optional.empty()
                    : Optional.of(RemoteException.fromPayload(Payload.ofNullable(error)));
            return new ScPacket.Response(rid.longValue(), data(m), err);
        }
        return new ScPacket.Raw(original != null ? original : rawText(m));
    }

    /** A missing {@code data} key is absent (undefined); {@code "data":null} is JSON null. */
    private static Payload data(Map<?, ?> m) {
        return m.containsKey("data") ? Payload.ofNullable(m.get("data")) : Payload.none();
    }

    private static String rawText(Object element) {
        return element instanceof String s ? s : Json.encode(element);
    }

    /** {@code {"event":name,"data":data}}; data is omitted when none. */
    public static String transmit(String event, Payload data) {
        StringBuilder sb = new StringBuilder(32 + event.length());
        sb.append("{\"event\":");
        quote(sb, event);
        if (!data.isNone()) {
            sb.append(",\"data\":").append(data.json());
        }
        return sb.append('}').toString();
    }

    /** {@code {"event":name,"data":data,"cid":cid}}. */
    public static String invoke(String event, Payload data, long cid) {
        StringBuilder sb = new StringBuilder(48 + event.length());
        sb.append("{\"event\":");
        quote(sb, event);
        if (!data.isNone()) {
            sb.append(",\"data\":").append(data.json());
        }
        return sb.append(",\"cid\":").append(cid).append('}').toString();
    }

    /** {@code {"rid":rid,"data":data}}; data is omitted when none. */
    public static String reply(long rid, Payload data) {
        StringBuilder sb = new StringBuilder(24).append("{\"rid\":").append(rid);
        if (!data.isNone()) {
            sb.append(",\"data\":").append(data.json());
        }
        return sb.append('}').toString();
    }

    /** {@code {"rid":rid,"error":{message,name,...}}}. */
    public static String replyError(long rid, RemoteException error) {
        return "{\"rid\":" + rid + ",\"error\":" + Json.encode(error.toMap()) + "}";
    }

    /** The publication envelope {@code {"event":"#publish","data":{"channel":c,"data":d}}}. */
    public static String publish(String channel, Payload data) {
        StringBuilder sb = new StringBuilder(48 + channel.length());
        sb.append("{\"event\":\"#publish\",\"data\":{\"channel\":");
        quote(sb, channel);
        if (!data.isNone()) {
            sb.append(",\"data\":").append(data.json());
        }
        return sb.append("}}").toString();
    }

    /** Joins encoded packets into one batch frame. */
    public static String batch(List<String> encoded) {
        return "[" + String.join(",", encoded) + "]";
    }

    /** Appends {@code s} as a JSON string literal. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
