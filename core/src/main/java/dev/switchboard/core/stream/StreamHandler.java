package dev.switchboard.core.stream;

import java.util.Optional;

/**
 * A handler registered on a stream with {@link ConsumableStream#handle}: the callback form of a
 * consumer. It buffers every item written from the moment it was registered, like a consumer, and
 * hands them to its handler one at a time, in order.
 *
 * <p><b>Lifecycle.</b> Alive from registration until it ends: after the stream closes it, once the
 * backlog is handled; after a kill, an overflow under {@link OverflowPolicy#FAIL} or its own
 * {@link #close()}, at once, discarding the backlog. An item already being handled is finished either
 * way. {@link #endReason()} says how it ended.
 *
 * <p><b>Threading.</b> The handler runs on virtual threads, never on the writer's thread and never two
 * items at once. A thread exists only while items are waiting: an idle handler costs no thread, which
 * is what makes it cheaper than a loop over a consumer when there are many sockets. The handler may
 * block; later items wait in the backlog meanwhile. An exception thrown by the handler goes to the
 * thread's uncaught-exception handler, and the next item is handled as usual.
 *
 * <p><b>Backpressure.</b> {@link #backpressure()} counts items written and not yet handed to the
 * handler; bounded streams cap it exactly as they cap a consumer.
 */
public interface StreamHandler extends AutoCloseable {

    /** Id, unique within the stream (or all streams of one {@link StreamDemux}), shared with consumers. */
    long id();

    /** Items written and not yet handed to the handler. */
    int backpressure();

    /** A snapshot of this handler's figures. */
    ConsumerStats stats();

    /** {@code true} until this handler has ended and been unregistered. */
    boolean isAlive();

    /** How this handler ended; empty while it is alive. */
    Optional<EndReason> endReason();

    /** Unregisters the handler at once and discards its backlog; idempotent. */
    @Override
    void close();
}
