package dev.switchboard.core.stream;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * One reader's view of a stream: a FIFO queue of the items written since it was created.
 *
 * <p><b>Lifecycle.</b> Alive from creation until it ends: after a close it first drains its backlog;
 * after a kill, an overflow under {@link OverflowPolicy#FAIL} or its own {@link #close()} it ends at
 * once. An ended consumer is unregistered from its stream, {@link #hasNext()} returns {@code false}
 * (or throws {@link StreamOverflowException} after an overflow), and {@link #endReason()} and
 * {@link #endValue()} say how it ended. A consumer is meant for one loop: {@link #iterator()} returns
 * this same consumer, so a loop resumed after a timeout continues where it stopped.
 *
 * <p><b>Threading.</b> Writers may add items from any thread while one thread iterates. Blocking calls
 * park with no monitor held, which is cheap on virtual threads. Calling {@link #close()} from another
 * thread wakes a blocked {@code hasNext()}, which then returns {@code false}.
 *
 * <p><b>Backpressure.</b> {@link #backpressure()} is the number of items buffered and not yet consumed;
 * bounded streams cap it and count what the policy discarded in {@link ConsumerStats#dropped()}.
 *
 * @param <T> item type; never null
 */
public interface StreamConsumer<T> extends Iterator<T>, Iterable<T>, AutoCloseable {

    /** Id, unique within the stream (or all streams of one {@link StreamDemux}). */
    long id();

    /** The per-call wait limit given at creation, if any. */
    Optional<Duration> timeout();

    /** Items written to this consumer and not consumed yet. */
    int backpressure();

    /** A snapshot of this consumer's figures. */
    ConsumerStats stats();

    /** {@code true} until this consumer has ended and been unregistered. */
    boolean isAlive();

    /** The value the stream or consumer was closed/killed with; present only once ended with one. */
    Optional<T> endValue();

    /** How this consumer ended; empty while it is alive. */
    Optional<EndReason> endReason();

    /**
     * Waits until an item is available ({@code true}) or the consumer has ended ({@code false}).
     *
     * @throws StreamTimeoutException     if the consumer has a timeout and nothing arrived within it;
     *                                    the consumer stays registered and can be asked again
     * @throws StreamOverflowException    if the consumer was ended by {@link OverflowPolicy#FAIL}
     * @throws StreamInterruptedException if the thread was interrupted while waiting
     */
    @Override
    boolean hasNext();

    /**
     * Waits for and removes the next item.
     *
     * @throws NoSuchElementException if the consumer has ended
     * @throws StreamTimeoutException     as for {@link #hasNext()}
     * @throws StreamOverflowException    as for {@link #hasNext()}
     * @throws StreamInterruptedException as for {@link #hasNext()}
     */
    @Override
    T next();

    /** This consumer itself, so it can drive a for-each loop. */
    @Override
    default StreamConsumer<T> iterator() {
        return this;
    }

    /**
     * Unregisters this consumer at once and discards its backlog; idempotent. Use it (typically via
     * try-with-resources) when leaving a loop early, so the stream stops buffering for it.
     */
    @Override
    void close();
}
