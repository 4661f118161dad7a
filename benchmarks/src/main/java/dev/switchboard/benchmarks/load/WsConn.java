package dev.switchboard.benchmarks.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One client WebSocket: writes the HTTP upgrade, then parses server frames in place (servers never
 * mask) and hands text to the protocol adapter. Not thread-safe: only the generator's event loop
 * touches it, which is why the counters below are plain fields.
 */
public final class WsConn extends ByteToMessageDecoder {
    private static final byte[] EMPTY_FRAME = {(byte) 0x81, (byte) 0x80, 0, 0, 0, 0};

    public final int index;
    private final LoadGenerator generator;
    private final Protocol protocol;
    private final String hostPort;
    private Channel channel;
    private boolean upgraded;
    private boolean ready;
    private long cid = 1_000_000_000L;
    final long connectStartNanos = System.nanoTime();
    private Sink sink = Sink.NONE;

    /** Scenario scratch state, owned by whichever scenario runs. */
    public long expectSeq = -1;
    public long received;
    public long gaps;
    public int pendingAcks;
    public long sent;

    WsConn(int index, LoadGenerator generator, Protocol protocol, String hostPort) {
        this.index = index;
        this.generator = generator;
        this.protocol = protocol;
        this.hostPort = hostPort;
    }

    public void sink(Sink sink) {
        this.sink = sink;
    }

    public Channel channel() {
        return channel;
    }

    public ByteBufAllocator alloc() {
        return channel.alloc();
    }

    public boolean isReady() {
        return ready;
    }

    public long nextCid() {
        return ++cid;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        String request = "GET " + protocol.path() + " HTTP/1.1\r\nHost: " + hostPort
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), request));
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!upgraded && !upgrade(ctx, in)) {
            return;
        }
        while (in.readableBytes() >= 2) {
            int ri = in.readerIndex();
            int b0 = in.getByte(ri) & 0xff;
            int b1 = in.getByte(ri + 1) & 0xff;
            int header = 2;
            long length = b1 & 0x7f;
            if (length == 126) {
                if (in.readableBytes() < 4) {
                    return;
                }
                length = in.getUnsignedShort(ri + 2);
                header = 4;
            } else if (length == 127) {
                if (in.readableBytes() < 10) {
                    return;
                }
                length = in.getLong(ri + 2);
                header = 10;
            }
            if ((b1 & 0x80) != 0) {
                header += 4; // a masking server would be a protocol error; skip the key and read raw
            }
            if (in.readableBytes() < header + length) {
                return;
            }
            int start = ri + header;
            int end = start + (int) length;
            switch (b0 & 0x0f) {
                case 0, 1, 2 -> protocol.onText(this, in, start, end);
                case 8 -> ctx.close();
                case 9 -> ctx.writeAndFlush(Frames.control(ctx.alloc(), 0xA, in, start, (int) length));
                default -> { }
            }
            in.readerIndex(end);
        }
    }

    private boolean upgrade(ChannelHandlerContext ctx, ByteBuf in) {
        int end = ByteBufUtil.indexOf(Unpooled4.CRLFCRLF, in);
        if (end < 0) {
            if (in.readableBytes() > 16384) {
                ctx.close();
            }
            return false;
        }
        String status = in.toString(in.readerIndex(), Math.min(12, in.readableBytes()), StandardCharsets.US_ASCII);
        in.readerIndex(end + 4);
        if (!status.endsWith("101")) {
            ctx.close();
            return false;
        }
        upgraded = true;
        protocol.onOpen(this);
        return true;
    }

    /** Sends a text frame built from a string (handshakes, pongs; not the hot path). */
    public void sendText(String text) {
        channel.writeAndFlush(Frames.text(channel.alloc(), text), channel.voidPromise());
    }

    /** The protocol-2 SocketCluster pong: an empty text frame. */
    public void sendEmpty() {
        channel.writeAndFlush(channel.alloc().ioBuffer(6).writeBytes(EMPTY_FRAME), channel.voidPromise());
    }

    public void write(ByteBuf frame) {
        channel.write(frame, channel.voidPromise());
    }

    public void writeAndFlush(ByteBuf frame) {
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    void ready() {
        if (!ready) {
            ready = true;
            generator.onReady(this);
        }
    }

    void ack(long nanos, boolean error) {
        sink.onAck(this, nanos, error);
    }

    void delivery(long seq, long nanos, ByteBuf buf, int from, int to) {
        sink.onDelivery(this, seq, nanos, buf, from, to);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx);
        if (!ready) {
            generator.onFailed(this);
        }
        sink.onClosed(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Lazily built constants (kept out of the class initializer order problems). */
    private static final class Unpooled4 {
        static final ByteBuf CRLFCRLF = io.netty.buffer.Unpooled.unreleasableBuffer(
                io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {'\r', '\n', '\r', '\n'}));
    }
}
