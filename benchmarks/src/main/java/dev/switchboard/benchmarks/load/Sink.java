package dev.switchboard.benchmarks.load;

import io.netty.buffer.ByteBuf;

/** What a scenario does with received frames. All callbacks run on the generator's event loop. */
public interface Sink {
    /** A broadcast delivery carrying a stamp; {@code [from, to)} is the whole frame text. */
    default void onDelivery(WsConn conn, long seq, long nanos, ByteBuf buf, int from, int to) {}

    /** An answer to a subscribe or call; {@code nanos} is the echoed stamp's time, or -1 when none. */
    default void onAck(WsConn conn, long nanos, boolean error) {}

    /** The connection closed (any reason). */
    default void onClosed(WsConn conn) {}

    Sink NONE = new Sink() {};
}
