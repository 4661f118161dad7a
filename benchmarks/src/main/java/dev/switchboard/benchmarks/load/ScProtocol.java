package dev.switchboard.benchmarks.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Raw SocketCluster protocol 2: {@code #handshake} with cid 1, empty-frame ping/pong, {@code #subscribe}
 * and RPCs with 10-digit cids (fixed width so the template never moves), {@code #publish} without cid.
 * Replies start with {@code {"rid":}; deliveries are recognised by the stamp alone.
 */
public final class ScProtocol implements Protocol {
    private static final byte[] RID = "{\"rid\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CID = "\",\"cid\":".getBytes(StandardCharsets.US_ASCII);
    // Single event-loop thread: plain maps.
    private final Map<String, byte[]> publishPrefix = new HashMap<>();
    private final Map<String, byte[]> callPrefix = new HashMap<>();

    @Override
    public String name() {
        return "socketcluster";
    }

    @Override
    public String path() {
        return "/socketcluster/";
    }

    @Override
    public void onOpen(WsConn conn) {
        conn.sendText("{\"event\":\"#handshake\",\"data\":{\"authToken\":null},\"cid\":1}");
    }

    @Override
    public void onText(WsConn conn, ByteBuf buf, int from, int to) {
        if (from == to) {
            conn.sendEmpty(); // protocol-2 ping
            return;
        }
        if (startsWith(buf, from, to, RID)) {
            int at = from + RID.length;
            long rid = Frames.parseDecimal(buf, at, to);
            if (rid == 1 && !conn.isReady()) {
                conn.ready();
                return;
            }
            int mark = Stamp.find(buf, at, to);
            int p = at;
            while (p < to && buf.getByte(p) >= '0' && buf.getByte(p) <= '9') {
                p++;
            }
            boolean error = p + 2 < to && buf.getByte(p) == ',' && buf.getByte(p + 2) == 'e'; // ,"error"
            conn.ack(mark < 0 ? -1 : Stamp.nanos(buf, mark), error);
            return;
        }
        int mark = Stamp.find(buf, from, to);
        if (mark >= 0) {
            conn.delivery(Stamp.seq(buf, mark), Stamp.nanos(buf, mark), buf, from, to);
        }
    }

    private static boolean startsWith(ByteBuf buf, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buf.getByte(from + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public ByteBuf subscribe(WsConn conn, String room) {
        return Frames.text(conn.alloc(), "{\"event\":\"#subscribe\",\"data\":{\"channel\":\"" + room + "\"},\"cid\":"
                + conn.nextCid() + "}");
    }

    @Override
    public ByteBuf publish(ByteBufAllocator alloc, String room, long seq, long nanos, int size) {
        byte[] prefix = publishPrefix.computeIfAbsent(room, r ->
                ("{\"event\":\"#publish\",\"data\":{\"channel\":\"" + r + "\",\"data\":\"").getBytes(StandardCharsets.UTF_8));
        ByteBuf buf = Frames.text(alloc, prefix.length + size + 3);
        buf.writeBytes(prefix);
        Stamp.write(buf, seq, nanos, size);
        return buf.writeByte('"').writeByte('}').writeByte('}');
    }

    @Override
    public ByteBuf call(WsConn conn, String procedure, long seq, long nanos, int size) {
        byte[] prefix = callPrefix.computeIfAbsent(procedure, p ->
                ("{\"event\":\"" + p + "\",\"data\":\"").getBytes(StandardCharsets.UTF_8));
        ByteBuf buf = Frames.text(conn.alloc(), prefix.length + size + CID.length + 10 + 1);
        buf.writeBytes(prefix);
        Stamp.write(buf, seq, nanos, size);
        buf.writeBytes(CID);
        Frames.decimal(buf, conn.nextCid(), 10);
        return buf.writeByte('}');
    }
}
