package dev.switchboard.benchmarks.load;

import io.netty.buffer.ByteBuf;

/**
 * The benchmark payload: a JSON string body {@code ~<16 hex seq><16 hex nanoTime>xxxx...} padded to a
 * fixed size. Fixed-width hex lets the sender patch numbers into a template and the receiver read them
 * back by offset, with no JSON on either side. {@code ~} appears nowhere in either protocol's envelope.
 */
public final class Stamp {
    /** Marker plus two 16-digit hex numbers. */
    public static final int MIN_SIZE = 33;
    public static final byte MARK = '~';
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Stamp() {}

    /** Writes a payload body of exactly {@code size} bytes (without quotes). */
    public static void write(ByteBuf out, long seq, long nanos, int size) {
        out.writeByte(MARK);
        hex(out, seq);
        hex(out, nanos);
        for (int i = MIN_SIZE; i < size; i++) {
            out.writeByte('x');
        }
    }

    private static void hex(ByteBuf out, long v) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            out.writeByte(HEX[(int) (v >>> shift) & 0xf]);
        }
    }

    /** Index of the marker in {@code [from, to)}, or -1: the only scan done per received frame. */
    public static int find(ByteBuf buf, int from, int to) {
        return to - from < MIN_SIZE ? -1 : buf.indexOf(from, to, MARK);
    }

    public static long seq(ByteBuf buf, int mark) {
        return readHex(buf, mark + 1);
    }

    public static long nanos(ByteBuf buf, int mark) {
        return readHex(buf, mark + 17);
    }

    private static long readHex(ByteBuf buf, int at) {
        long v = 0;
        for (int i = 0; i < 16; i++) {
            int c = buf.getByte(at + i);
            v = (v << 4) | (c <= '9' ? c - '0' : c - 'a' + 10);
        }
        return v;
    }
}
