package dev.switchboard.core.stream;

/**
 * Why a {@link StreamConsumer} ended; see {@link StreamConsumer#endReason()}. Every reason except
 * {@link #CLOSED} discards the consumer's backlog, so its backpressure drops to 0.
 */
public enum EndReason {
    /** The stream (or this consumer, by id) was closed and the consumer drained its backlog. */
    CLOSED,
    /** The stream (or this consumer, by id) was killed; the backlog was discarded. */
    KILLED,
    /** The backlog bound was exceeded under {@link OverflowPolicy#FAIL}. */
    OVERFLOWED,
    /** The consumer's own {@link StreamConsumer#close()} was called. */
    RELEASED
}
