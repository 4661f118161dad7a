package dev.switchboard.protocol.sc;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.internal.Json;
import java.util.List;

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
     * The frame is tokenized, not parsed into a tree: each {@code data} becomes a payload holding its
     * sent JSON text (see {@code ScEnvelopeReader}).
     */
    public static List<ScPacket> decode(String text) {
        if (!looksLikeJson(text)) {
            return List.of(new ScPacket.Raw(text));
        }
        List<ScPacket> packets = ScEnvelopeReader.read(text);
        return packets != null ? packets : List.of(new ScPacket.Raw(text));
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
        // String concatenation sizes the result exactly (one copy); a small builder regrew for each reply
        return data.isNone() ? "{\"rid\":" + rid + "}" : "{\"rid\":" + rid + ",\"data\":" + data.json() + "}";
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
