package dev.switchboard.benchmarks.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Client-to-server WebSocket frames. RFC 6455 requires clients to mask, but any key is valid, and the
 * all-zero key makes the masked payload equal to the plain one: templates are written as they are and
 * no per-byte XOR is spent. Every server under test accepts it (validated by the harness).
 */
public final class Frames {
    private Frames() {}

    /** A buffer with the header of a masked text frame of {@code payloadLength} bytes already written. */
    public static ByteBuf text(ByteBufAllocator alloc, int payloadLength) {
        ByteBuf buf = alloc.ioBuffer(payloadLength + 14);
        buf.writeByte(0x81);
        if (payloadLength < 126) {
            buf.writeByte(0x80 | payloadLength);
        } else if (payloadLength < 65536) {
            buf.writeByte(0x80 | 126);
            buf.writeShort(payloadLength);
        } else {
            buf.writeByte(0x80 | 127);
            buf.writeLong(payloadLength);
        }
        buf.writeInt(0); // mask key
        return buf;
    }

    public static ByteBuf text(ByteBufAllocator alloc, String ascii) {
        byte[] bytes = ascii.getBytes(StandardCharsets.UTF_8);
        return text(alloc, bytes.length).writeBytes(bytes);
    }

    /** A masked control frame (pong, close) echoing {@code payload}. */
    public static ByteBuf control(ByteBufAllocator alloc, int opcode, ByteBuf payload, int from, int length) {
        ByteBuf buf = alloc.ioBuffer(length + 6);
        buf.writeByte(0x80 | opcode).writeByte(0x80 | length).writeInt(0);
        buf.writeBytes(payload, from, length);
        return buf;
    }

    /** Writes a decimal number right-aligned in exactly {@code width} digits (numbers here never need more). */
    public static void decimal(ByteBuf out, long v, int width) {
        int at = out.writerIndex() + width;
        out.writerIndex(at);
        for (int i = 1; i <= width; i++) {
            out.setByte(at - i, (int) ('0' + v % 10));
            v /= 10;
        }
    }

    /** Parses the unsigned decimal starting at {@code at}; stops at the first non-digit. */
    public static long parseDecimal(ByteBuf buf, int at, int to) {
        long v = 0;
        for (int i = at; i < to; i++) {
            int c = buf.getByte(i);
            if (c < '0' || c > '9') {
                break;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
