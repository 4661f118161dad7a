package dev.switchboard.redis;

import dev.switchboard.core.Payload;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One publication as it travels through Redis: a fixed 26-byte header, then the payload's JSON text as
 * UTF-8, unchanged. The receiver wraps that text in {@link Payload#json(String)}, which parses only if
 * someone reads the value, so a publication is encoded once, by its publisher, and never re-encoded.
 *
 * <pre>
 * offset size field
 *      0    1 version, {@value #VERSION}
 *      1    1 flags: bit 0 = the payload is absent ({@link Payload#none()}), no JSON follows
 *      2    8 origin: the publishing broker's node id (big-endian)
 *     10    8 stream: the publisher's stream number for this channel (big-endian)
 *     18    8 offset: position in that stream (big-endian)
 *     26    n the payload's JSON text, UTF-8
 * </pre>
 *
 * The channel is not repeated: it is the Redis channel's name. A receiver drops messages with another
 * version (a node of a newer release during a rolling upgrade) and counts them as malformed.
 *
 * @param origin the publishing broker's node id
 * @param stream the publisher's stream number: origin and stream make the {@link #epoch()}
 * @param offset the position within the stream
 * @param data   the payload, parsed lazily
 */
record Envelope(long origin, long stream, long offset, Payload data) {
    static final byte VERSION = 1;
    static final int HEADER = 26;
    private static final byte ABSENT = 1;
    private static final HexFormat HEX = HexFormat.of();

    /** The payload's bytes as they go on the wire; computed before taking any lock. */
    static byte[] body(Payload data) {
        return data.isNone() ? new byte[0] : data.json().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] encode(long origin, long stream, long offset, boolean absent, byte[] body) {
        byte[] message = new byte[HEADER + body.length];
        ByteBuffer.wrap(message).put(VERSION).put(absent ? ABSENT : 0).putLong(origin).putLong(stream).putLong(offset)
                .put(body);
        return message;
    }

    /** Reads a message; throws {@link IllegalArgumentException} when it is not one of ours. */
    static Envelope decode(byte[] message) {
        if (message.length < HEADER) {
            throw new IllegalArgumentException("message too short: " + message.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(message);
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown envelope version " + version);
        }
        boolean absent = (in.get() & ABSENT) != 0;
        long origin = in.getLong();
        long stream = in.getLong();
        long offset = in.getLong();
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        if (!absent && message.length == HEADER) {
            throw new IllegalArgumentException("no payload");
        }
        Payload data = absent ? Payload.none()
                : Payload.json(new String(message, HEADER, message.length - HEADER, StandardCharsets.UTF_8));
        return new Envelope(origin, stream, offset, data);
    }

    /** Reads only the origin, to drop this node's own echoes without decoding the rest. */
    static long origin(byte[] message) {
        return message.length < HEADER ? 0 : ByteBuffer.wrap(message, 2, 8).getLong();
    }

    String epoch() {
        return epoch(origin, stream);
    }

    /** {@code <origin as 16 hex digits>-<stream>}: one publisher's numbering of one channel. */
    static String epoch(long origin, long stream) {
        return hex(origin) + "-" + stream;
    }

    /** A node id as 16 hex digits. */
    static String hex(long origin) {
        return HEX.toHexDigits(origin);
    }
}
