package dev.switchboard.benchmarks.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * A wire-protocol adapter: the only part of the generator that differs between servers. It builds
 * request frames from templates and classifies received text frames by their first bytes.
 */
public interface Protocol {
    /** Short name for reports. */
    String name();

    /** Request path (and query) of the WebSocket upgrade. */
    String path();

    /** Called once the HTTP upgrade succeeded: start the protocol handshake if the client speaks first. */
    void onOpen(WsConn conn);

    /** Handles one text frame occupying {@code [from, to)} of {@code buf}. */
    void onText(WsConn conn, ByteBuf buf, int from, int to);

    /** A subscribe/join request that the server acknowledges. */
    ByteBuf subscribe(WsConn conn, String room);

    /** A fire-and-forget publish of a stamped payload of {@code size} bytes into {@code room}. */
    ByteBuf publish(ByteBufAllocator alloc, String room, long seq, long nanos, int size);

    /** A call of {@code procedure} with a stamped payload; the server answers with the payload. */
    ByteBuf call(WsConn conn, String procedure, long seq, long nanos, int size);
}
