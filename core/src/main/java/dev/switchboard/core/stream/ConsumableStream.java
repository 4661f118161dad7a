package dev.switchboard.core.stream;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The read side of a stream: something consumers can be created on.
 *
 * <p><b>Lifecycle.</b> A consumer exists from {@link #createConsumer()} until it ends (the stream closes
 * it and it drains, the stream kills it, it overflows, or its own {@code close()} is called). It sees
 * only items written after it was created: there is no replay. Create the consumer <em>before</em>
 * anything you must not miss can be written, then iterate it later; {@code for (T x : stream)} only
 * creates its consumer when the loop starts. The stream itself never ends: consumers created after a
 * close or kill receive later writes.
 *
 * <p><b>Threading.</b> Safe for any number of threads. Blocking calls park the calling thread (no locks
 * held, no platform thread needed), so run consumption loops on virtual threads.
 *
 * <p><b>Backpressure.</b> Each consumer buffers what it has not consumed yet, unbounded unless the stream
 * was built with a maximum backlog and an {@link OverflowPolicy}. Writers never wait for consumers.
 *
 * @param <T> item type; items are never null
 */
public interface ConsumableStream<T> extends Iterable<T> {

    /** Registers a new consumer that buffers every later write; its blocking calls wait indefinitely. */
    StreamConsumer<T> createConsumer();

    /**
     * Registers a new consumer whose {@code hasNext()}/{@code next()} throw {@link StreamTimeoutException}
     * when nothing arrives within {@code timeout}. A timed-out consumer stays registered and loses nothing.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    StreamConsumer<T> createConsumer(Duration timeout);

    /**
     * Registers {@code handler} for every later write: the callback form of {@link #createConsumer()},
     * for code that would otherwise park a virtual thread per stream in a loop. Items are buffered from
     * this call on and handed to the handler one at a time, in order, on virtual threads that run only
     * while items are waiting; see {@link StreamHandler} for the rules.
     * <pre>{@code
     * socket.procedure("echo").handle(request -> request.end(request.data()));
     * }</pre>
     * The default implementation loops over a consumer on one long-lived virtual thread; Switchboard's
     * own streams start a thread only when an item arrives.
     *
     * @throws NullPointerException if {@code handler} is null
     */
    default StreamHandler handle(Consumer<? super T> handler) {
        java.util.Objects.requireNonNull(handler, "handler"); // before a consumer is registered
        return LoopHandler.start(createConsumer(), handler);
    }

    /**
     * Starts a consumer for a for-each loop. Items written before the loop starts are not seen; a loop
     * left with {@code break} leaves its consumer registered (buffering) until the stream closes or
     * kills it, so prefer {@code try (var c = stream.createConsumer()) { for (T x : c) ... }} there.
     */
    @Override
    default StreamConsumer<T> iterator() {
        return createConsumer();
    }

    /**
     * The next item written, via a temporary consumer that is removed once the future completes
     * (including when the caller cancels it). If the stream is closed or killed before an item
     * arrives the future <b>never completes</b>, as in SocketCluster; use {@link #once(Duration)} when
     * that matters.
     */
    CompletableFuture<T> once();

    /**
     * Like {@link #once()}, but the future fails with {@link StreamTimeoutException} if no item arrives
     * within {@code timeout} (also when the stream was closed meanwhile).
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    CompletableFuture<T> once(Duration timeout);

    /**
     * Blocks for the next item written. Like {@link #once()} it never returns if the stream is closed or
     * killed first; interrupting the thread ends the wait with {@link StreamInterruptedException}.
     */
    default T awaitOnce() {
        return Waiting.join(once());
    }

    /**
     * Blocks for the next item written, at most {@code timeout}.
     *
     * @throws StreamTimeoutException if nothing arrived in time
     * @throws StreamInterruptedException if the thread was interrupted while waiting
     */
    default T awaitOnce(Duration timeout) {
        return Waiting.join(once(timeout));
    }
}
