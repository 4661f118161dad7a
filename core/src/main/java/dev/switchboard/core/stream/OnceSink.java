package dev.switchboard.core.stream;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Package-internal temporary consumer behind {@code once}: completes a future with the first item
 * instead of queueing, so a pending {@code once} costs no thread. It unregisters whenever the future
 * completes (item, timeout or caller's cancel). A close or kill only unregisters it and leaves the
 * future pending, as SocketCluster's {@code once()} never resolves after the stream ends; a timed
 * future still fails when its timer fires.
 */
final class OnceSink<T> implements Sink<T> {

    private final long id;
    private final Optional<String> streamName;
    private final Optional<Duration> timeout;
    private final ConsumerHost<T> host;
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile ScheduledFuture<?> timer;

    private OnceSink(ConsumerHost<T> host, Optional<Duration> timeout) {
        this.id = host.nextId();
        this.streamName = host.streamName();
        this.timeout = timeout;
        this.host = host;
    }

    /** Creates, registers and (if timed) arms a temporary consumer; returns its future. */
    static <T> CompletableFuture<T> start(ConsumerHost<T> host, Optional<Duration> timeout) {
        var sink = new OnceSink<>(host, timeout);
        sink.future.whenComplete((value, failure) -> sink.end());
        timeout.ifPresent(limit -> sink.timer = Timers.schedule(() -> sink.future.completeExceptionally(
                new StreamTimeoutException("no item within " + limit + " for once() on consumer " + sink.id)),
                limit.toNanos()));
        host.attach(sink); // a no-op if the future already completed
        return sink.future;
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            ScheduledFuture<?> pending = timer;
            if (pending != null && future.isDone()) {
                pending.cancel(false);
            }
            host.detach(this);
        }
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public Optional<String> streamName() {
        return streamName;
    }

    @Override
    public boolean offer(T item) {
        return !ended.get() && future.complete(item);
    }

    @Override
    public void closeWith(T endValue) {
        end();
    }

    @Override
    public void killWith(T endValue) {
        end();
    }

    @Override
    public boolean isEnded() {
        return ended.get();
    }

    @Override
    public int backpressure() {
        return 0;
    }

    @Override
    public ConsumerStats stats() {
        return new ConsumerStats(id, 0, 0, timeout, streamName);
    }
}
