package dev.switchboard.benchmarks.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Raw Socket.IO v4 over an Engine.IO v4 WebSocket: wait for the open packet {@code 0{...}}, send
 * {@code 40}, ready on {@code 40{...}}; answer ping {@code 2} with {@code 3}; join a room with the
 * acknowledged event {@code 42<id>["join",room]}; publish with {@code 42["pub",room,payload]}; the server
 * broadcasts {@code 42["m",payload]}; calls are {@code 42<id>["echo",payload]} answered by {@code 43<id>[...]}.
 */
public final class SioProtocol implements Protocol {
    private final Map<String, byte[]> publishPrefix = new HashMap<>();
    private final Map<String, byte[]> callSuffixPrefix = new HashMap<>();

    @Override
    public String name() {
        return "socket.io";
    }

    @Override
    public String path() {
        return "/socket.io/?EIO=4&transport=websocket";
    }

    @Override
    public void onOpen(WsConn conn) {
        // The server speaks first (Engine.IO open packet).
    }

    @Override
    public void onText(WsConn conn, ByteBuf buf, int from, int to) {
        int len = to - from;
        if (len == 0) {
            return;
        }
        byte engine = buf.getByte(from);
        switch (engine) {
            case '0' -> conn.sendText("40");
            case '2' -> conn.sendText("3");
            case '4' -> onSocketIo(conn, buf, from, to);
            default -> { } // 1 close, 3 pong, 6 noop
        }
    }

    private static void onSocketIo(WsConn conn, ByteBuf buf, int from, int to) {
        if (to - from < 2) {
            return;
        }
        switch (buf.getByte(from + 1)) {
            case '0' -> conn.ready();
            case '2' -> {
                int mark = Stamp.find(buf, from, to);
                if (mark >= 0) {
                    conn.delivery(Stamp.seq(buf, mark), Stamp.nanos(buf, mark), buf, from, to);
                }
            }
            case '3' -> {
                int mark = Stamp.find(buf, from, to);
                conn.ack(mark < 0 ? -1 : Stamp.nanos(buf, mark), false);
            }
            case '4' -> conn.ack(-1, true); // connect_error
            default -> { }
        }
    }

    @Override
    public ByteBuf subscribe(WsConn conn, String room) {
        return Frames.text(conn.alloc(), "42" + conn.nextCid() + "[\"join\",\"" + room + "\"]");
    }

    @Override
    public ByteBuf publish(ByteBufAllocator alloc, String room, long seq, long nanos, int size) {
        byte[] prefix = publishPrefix.computeIfAbsent(room, r ->
                ("42[\"pub\",\"" + r + "\",\"").getBytes(StandardCharsets.UTF_8));
        ByteBuf buf = Frames.text(alloc, prefix.length + size + 2);
        buf.writeBytes(prefix);
        Stamp.write(buf, seq, nanos, size);
        return buf.writeByte('"').writeByte(']');
    }

    @Override
    public ByteBuf call(WsConn conn, String procedure, long seq, long nanos, int size) {
        byte[] middle = callSuffixPrefix.computeIfAbsent(procedure, p ->
                ("[\"" + p + "\",\"").getBytes(StandardCharsets.UTF_8));
        ByteBuf buf = Frames.text(conn.alloc(), 2 + 10 + middle.length + size + 2);
        buf.writeByte('4').writeByte('2');
        Frames.decimal(buf, conn.nextCid(), 10);
        buf.writeBytes(middle);
        Stamp.write(buf, seq, nanos, size);
        return buf.writeByte('"').writeByte(']');
    }
}
