package dev.switchboard.protocol.eio;

import dev.switchboard.core.SwitchboardException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Encodes and decodes Engine.IO v4 packets and long-polling payloads. Stateless and thread-safe.
 *
 * <p>Decoders throw {@link EioParseException} for every malformed input and nothing else, so a
 * transport can map any failure to a {@code parse error} close without a catch-all.
 */
public final class EioCodec {
    /** Separates packets in a long-polling payload (ASCII record separator). */
    public static final char SEPARATOR = '\u001e';

    private static final String[] ERROR_MESSAGES = {
        "Transport unknown",
        "Session ID unknown",
        "Bad handshake method",
        "Bad request",
        "Forbidden",
        "Unsupported protocol version",
    };
    private static final int FORBIDDEN = 4;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Base64.Encoder ID_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private EioCodec() {}

    /**
     * Decodes a WebSocket text frame or one element of a polling payload. A leading {@code b} marks a
     * base64 binary MESSAGE, as the reference parser accepts in both places.
     *
     * @throws EioParseException when empty, when the type is unknown or the base64 is invalid
     */
    public static EioPacket decodeText(String frame) {
        Objects.requireNonNull(frame, "frame");
        if (frame.isEmpty()) {
            throw new EioParseException("empty Engine.IO packet");
        }
        char first = frame.charAt(0);
        if (first == 'b') {
            return EioPacket.binary(decodeBase64(frame, 1));
        }
        EioPacketType type = EioPacketType.of(first)
                .orElseThrow(() -> new EioParseException("unknown Engine.IO packet type '" + printable(first) + "'"));
        return EioPacket.of(type, frame.substring(1));
    }

    /** A WebSocket binary frame is a MESSAGE without type prefix. The array is not copied. */
    public static EioPacket decodeBinaryFrame(byte[] frame) {
        return EioPacket.binary(frame);
    }

    /**
     * The WebSocket text frame (or polling element) for a text packet: type digit + text.
     *
     * @throws SwitchboardException for a binary packet, which goes in a binary frame or {@link
     *     #encodePayload} instead
     */
    public static String encodeText(EioPacket packet) {
        if (packet.isBinary()) {
            throw new SwitchboardException("a binary packet has no text frame; send its bytes as a binary frame");
        }
        String text = packet.text();
        return new StringBuilder(text.length() + 1).append(packet.type().code()).append(text).toString();
    }

    /**
     * Decodes a long-polling request body.
     *
     * <p>The packet count is checked before anything is split or allocated: many tiny packets per
     * body is the cheap CPU/memory amplification of the kill-engine-io report.
     *
     * @param maxPackets the most packets one body may hold (at least 1)
     * @throws EioParseException when the body is empty, holds an invalid element or too many packets
     */
    public static List<EioPacket> decodePayload(String body, int maxPackets) {
        Objects.requireNonNull(body, "body");
        if (maxPackets < 1) {
            throw new SwitchboardException("maxPackets must be at least 1, was " + maxPackets);
        }
        if (body.isEmpty()) {
            throw new EioParseException("empty Engine.IO payload");
        }
        int count = 1;
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) == SEPARATOR && ++count > maxPackets) {
                throw new EioParseException("Engine.IO payload holds more than " + maxPackets + " packets");
            }
        }
        List<EioPacket> packets = new ArrayList<>(count);
        int start = 0;
        while (true) {
            int end = body.indexOf(SEPARATOR, start);
            if (end < 0) {
                packets.add(decodeText(body.substring(start)));
                return packets;
            }
            packets.add(decodeText(body.substring(start, end)));
            start = end + 1;
        }
    }

    /** A long-polling response body: packets joined by {@link #SEPARATOR}, binary as {@code b<base64>}. */
    public static String encodePayload(List<EioPacket> packets) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) {
                sb.append(SEPARATOR);
            }
            EioPacket p = packets.get(i);
            if (p.isBinary()) {
                sb.append('b').append(Base64.getEncoder().encodeToString(p.binary().orElseThrow()));
            } else {
                sb.append(p.type().code()).append(p.text());
            }
        }
        return sb.toString();
    }

    /**
     * The handshake packet, keys in the reference server's order, e.g. {@code
     * 0{"sid":"…","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}}.
     */
    public static String openPacket(String sid, List<String> upgrades, long pingInterval, long pingTimeout,
            long maxPayload) {
        StringBuilder sb = new StringBuilder(128).append("0{\"sid\":");
        quote(sb, sid);
        sb.append(",\"upgrades\":[");
        for (int i = 0; i < upgrades.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            quote(sb, upgrades.get(i));
        }
        return sb.append("],\"pingInterval\":").append(pingInterval)
                .append(",\"pingTimeout\":").append(pingTimeout)
                .append(",\"maxPayload\":").append(maxPayload)
                .append('}').toString();
    }

    /**
     * The JSON body of an HTTP error answer, {@code {"code":N,"message":"…"}}, with the reference
     * server's messages.
     *
     * @param code 0 (transport unknown) to 5 (unsupported protocol version)
     */
    public static String errorJson(int code) {
        return "{\"code\":" + code + ",\"message\":\"" + errorMessage(code) + "\"}";
    }

    /** The message of an Engine.IO error code, e.g. {@code Session ID unknown} for 1. */
    public static String errorMessage(int code) {
        if (code < 0 || code >= ERROR_MESSAGES.length) {
            throw new SwitchboardException("unknown Engine.IO error code " + code);
        }
        return ERROR_MESSAGES[code];
    }

    /** The HTTP status sent with an error code: 403 for Forbidden, 400 for the others. */
    public static int httpStatus(int code) {
        errorMessage(code);
        return code == FORBIDDEN ? 403 : 400;
    }

    /**
     * A new 20-character id (base64url of 12 random bytes and a 3-byte counter), shaped like the
     * reference server's: the Redis sharded adapter recognises socket ids by their length of 20.
     */
    public static String newSessionId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        // the counter keeps ids distinct even if two random draws ever collide
        int sequence = SEQUENCE.incrementAndGet();
        bytes[12] = (byte) (sequence >>> 16);
        bytes[13] = (byte) (sequence >>> 8);
        bytes[14] = (byte) sequence;
        return ID_ENCODER.encodeToString(bytes);
    }

    private static byte[] decodeBase64(String s, int from) {
        try {
            return Base64.getDecoder().decode(s.substring(from));
        } catch (IllegalArgumentException e) {
            throw new EioParseException("invalid base64 in binary Engine.IO packet: " + e.getMessage(), e);
        }
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
