package dev.switchboard.core.stream;

import java.util.Optional;

/**
 * Package-internal receiving end of one consumer, as seen by writers and by the stream's bookkeeping.
 * Queueing consumers and {@code once} futures differ only here, so streams treat both alike.
 */
interface Sink<T> {

    long id();

    Optional<String> streamName();

    /** Hands over an item; {@code false} if this sink no longer accepts items or discarded it. */
    boolean offer(T item);

    /** Ends after the backlog drains; {@code endValue} may be null (no end value). */
    void closeWith(T endValue);

    /** Ends at once, discarding the backlog; {@code endValue} may be null (no end value). */
    void killWith(T endValue);

    boolean isEnded();

    int backpressure();

    ConsumerStats stats();
}
