package dev.switchboard.benchmarks.servers;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One socket of the bare server. Recognises the four SocketCluster messages by prefix and finds the
 * few fields it needs by byte search; a publish is re-sent byte for byte (the inbound
 * {@code {"event":"#publish","data":{...}}} without cid is exactly the outbound envelope), framed once.
 */
final class BareHandler extends ChannelInboundHandlerAdapter {
    private static final byte[] PUBLISH = bytes("{\"event\":\"#publish\"");
    private static final byte[] HANDSHAKE = bytes("{\"event\":\"#handshake\"");
    private static final byte[] SUBSCRIBE = bytes("{\"event\":\"#subscribe\"");
    private static final byte[] ECHO = bytes("{\"event\":\"echo\"");
    private static final byte[] SLOW = bytes("{\"event\":\"slowEcho\"");
    private static final byte[] CHANNEL = bytes("\"channel\":\"");
    private static final byte[] DATA = bytes("\"data\":");
    private static final byte[] CID = bytes(",\"cid\":");
    private static int ids;

    private final BareRooms rooms;
    private final List<String> joined = new ArrayList<>(2);

    BareHandler(BareRooms rooms) {
        this.rooms = rooms;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof TextWebSocketFrame frame)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        ByteBuf in = frame.content();
        int from = in.readerIndex();
        int to = in.writerIndex();
        try {
            if (starts(in, from, to, PUBLISH)) {
                rooms.broadcast(channel(in, from, to), encode(ctx, in, from, to - from));
            } else if (starts(in, from, to, ECHO)) {
                reply(ctx, in, from, to);
            } else if (starts(in, from, to, SLOW)) {
                ByteBuf copy = in.retainedSlice(from, to - from);
                ctx.executor().schedule(() -> {
                    reply(ctx, copy, copy.readerIndex(), copy.writerIndex());
                    copy.release();
                    ctx.flush();
                }, 5, TimeUnit.MILLISECONDS);
            } else if (starts(in, from, to, SUBSCRIBE)) {
                String room = channel(in, from, to);
                rooms.join(room, ctx.channel());
                joined.add(room);
                send(ctx, "{\"rid\":" + cid(in, from, to) + "}");
            } else if (starts(in, from, to, HANDSHAKE)) {
                send(ctx, "{\"rid\":" + cid(in, from, to) + ",\"data\":{\"id\":\"b" + (++ids)
                        + "\",\"pingTimeout\":30000,\"isAuthenticated\":false}}");
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        rooms.flushDirty();
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        rooms.leaveAll(ctx.channel(), joined);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** {@code {"rid":cid,"data":<the request's data, verbatim>}}. */
    private void reply(ChannelHandlerContext ctx, ByteBuf in, int from, int to) {
        int data = indexOf(in, from, to, DATA) + DATA.length;
        int cidAt = lastIndexOf(in, from, to, CID);
        byte[] head = bytes("{\"rid\":" + cid(in, from, to) + ",\"data\":");
        int len = head.length + (cidAt - data) + 1;
        ByteBuf out = header(ctx, len).writeBytes(head).writeBytes(in, data, cidAt - data).writeByte('}');
        ctx.write(out, ctx.voidPromise());
    }

    private static void send(ChannelHandlerContext ctx, String text) {
        byte[] b = bytes(text);
        ctx.write(header(ctx, b.length).writeBytes(b), ctx.voidPromise());
    }

    /** The whole outbound frame (header + payload) in one buffer, encoded once per broadcast. */
    private static ByteBuf encode(ChannelHandlerContext ctx, ByteBuf in, int from, int len) {
        return header(ctx, len).writeBytes(in, from, len);
    }

    private static ByteBuf header(ChannelHandlerContext ctx, int len) {
        ByteBuf out = ctx.alloc().ioBuffer(len + 4);
        out.writeByte(0x81);
        if (len < 126) {
            out.writeByte(len);
        } else {
            out.writeByte(126).writeShort(len);
        }
        return out;
    }

    private static String channel(ByteBuf in, int from, int to) {
        int start = indexOf(in, from, to, CHANNEL) + CHANNEL.length;
        int end = in.indexOf(start, to, (byte) '"');
        return in.toString(start, end - start, StandardCharsets.UTF_8);
    }

    private static long cid(ByteBuf in, int from, int to) {
        int at = lastIndexOf(in, from, to, CID) + CID.length;
        long v = 0;
        for (int i = at; i < to && Character.isDigit(in.getByte(i)); i++) {
            v = v * 10 + (in.getByte(i) - '0');
        }
        return v;
    }

    private static boolean starts(ByteBuf in, int from, int to, byte[] p) {
        if (to - from < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (in.getByte(from + i) != p[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(ByteBuf in, int from, int to, byte[] p) {
        outer:
        for (int i = from; i <= to - p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (in.getByte(i + j) != p[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(ByteBuf in, int from, int to, byte[] p) {
        outer:
        for (int i = to - p.length; i >= from; i--) {
            for (int j = 0; j < p.length; j++) {
                if (in.getByte(i + j) != p[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
