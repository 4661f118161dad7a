package dev.switchboard.core.stream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stream you write to and consume from: every item written goes to every live consumer (fan-out,
 * not work sharing), in order per consumer. Port of SocketCluster's writable-consumable-stream.
 *
 * <p><b>Lifecycle.</b> Never ends. {@link #close()} lets current consumers drain and then end;
 * {@link #kill()} ends them at once, discarding their backlog. Consumers created afterwards receive
 * later writes as usual. See {@link ConsumableStream} for the consumer rules.
 *
 * <p><b>Threading.</b> All methods are safe from any number of threads. {@link #write} never blocks on
 * consumers: it enqueues under each consumer's short lock and wakes the reader. Items from one writer
 * keep their order at every consumer; items of concurrent writers may interleave differently per
 * consumer.
 *
 * <p><b>Backpressure.</b> {@link #backpressure()} is the largest backlog of any consumer. Unbounded by
 * default; {@link #builder()} sets a per-consumer {@linkplain Builder#maxBacklog bound} and an
 * {@link OverflowPolicy}.
 *
 * <p>Null items and null end values are rejected with {@link NullPointerException}.
 *
 * @param <T> item type
 */
public final class WritableStream<T> implements ConsumableStream<T> {

    private final Backlog backlog;
    private final AtomicLong ids = new AtomicLong();
    private final Fanout<T> fanout = new Fanout<>();
    private final ConcurrentHashMap<Long, Sink<T>> byId = new ConcurrentHashMap<>();
    private final ConsumerHost<T> host = new Host();

    private WritableStream(Backlog backlog) {
        this.backlog = backlog;
    }

    /** An unbounded stream. */
    public static <T> WritableStream<T> create() {
        return new WritableStream<>(Backlog.UNBOUNDED);
    }

    /** A builder for a stream with a per-consumer backlog bound. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- writing ----

    /**
     * Delivers the item to every live consumer; a no-op without consumers.
     *
     * @return how many consumers accepted it (a {@link OverflowPolicy#DROP_NEWEST} drop does not count)
     * @throws NullPointerException if {@code item} is null
     */
    public int write(T item) {
        return fanout.write(Checks.item(item));
    }

    /** Delivers the item to one consumer only; {@code false} if it is not registered or refused it. */
    public boolean writeToConsumer(long consumerId, T item) {
        Checks.item(item);
        Sink<T> sink = byId.get(consumerId);
        return sink != null && sink.offer(item);
    }

    // ---- ending consumers ----

    /** Current consumers drain their backlog, then end without an end value. */
    public void close() {
        fanout.closeAll(null);
    }

    /** Current consumers drain their backlog, then end with {@code endValue}. */
    public void close(T endValue) {
        fanout.closeAll(Checks.endValue(endValue));
    }

    /** Current consumers end at once, backlog discarded, without an end value. */
    public void kill() {
        fanout.killAll(null);
    }

    /** Current consumers end at once, backlog discarded, with {@code endValue}. */
    public void kill(T endValue) {
        fanout.killAll(Checks.endValue(endValue));
    }

    /** Closes one consumer (it drains first); {@code false} if no such consumer is registered. */
    public boolean closeConsumer(long consumerId) {
        return Targets.close(byId.get(consumerId), null);
    }

    /** Closes one consumer with an end value; {@code false} if no such consumer is registered. */
    public boolean closeConsumer(long consumerId, T endValue) {
        return Targets.close(byId.get(consumerId), Checks.endValue(endValue));
    }

    /** Kills one consumer; {@code false} if no such consumer is registered. */
    public boolean killConsumer(long consumerId) {
        return Targets.kill(byId.get(consumerId), null);
    }

    /** Kills one consumer with an end value; {@code false} if no such consumer is registered. */
    public boolean killConsumer(long consumerId, T endValue) {
        return Targets.kill(byId.get(consumerId), Checks.endValue(endValue));
    }

    // ---- consuming ----

    @Override
    public StreamConsumer<T> createConsumer() {
        return register(new QueueConsumer<>(host, Optional.empty()));
    }

    @Override
    public StreamConsumer<T> createConsumer(Duration timeout) {
        return register(new QueueConsumer<>(host, Checks.positiveTimeout(timeout)));
    }

    @Override
    public StreamHandler handle(java.util.function.Consumer<? super T> handler) {
        return HandlerSink.start(host, handler);
    }

    @Override
    public CompletableFuture<T> once() {
        return OnceSink.start(host, Optional.empty());
    }

    @Override
    public CompletableFuture<T> once(Duration timeout) {
        return OnceSink.start(host, Checks.positiveTimeout(timeout));
    }

    private StreamConsumer<T> register(QueueConsumer<T> consumer) {
        host.attach(consumer);
        return consumer;
    }

    // ---- inspection ----

    /** The largest backlog of any current consumer; 0 without consumers. */
    public int backpressure() {
        return fanout.backpressure();
    }

    /** The backlog of one consumer; 0 if it is not registered. */
    public int consumerBackpressure(long consumerId) {
        Sink<T> sink = byId.get(consumerId);
        return sink == null ? 0 : sink.backpressure();
    }

    /** Snapshots of every current consumer, including pending {@code once} calls. */
    public List<ConsumerStats> consumerStats() {
        return fanout.stats();
    }

    /** A snapshot of one consumer, if registered. */
    public Optional<ConsumerStats> consumerStats(long consumerId) {
        return Optional.ofNullable(byId.get(consumerId)).map(Sink::stats);
    }

    /** Current consumers, including pending {@code once} calls and closed consumers still draining. */
    public int consumerCount() {
        return fanout.count();
    }

    /** Whether consumer {@code consumerId} is registered (alive, or closed and still draining). */
    public boolean hasConsumer(long consumerId) {
        return byId.containsKey(consumerId);
    }

    @Override
    public String toString() {
        return "WritableStream[consumers=" + consumerCount() + ", backpressure=" + backpressure() + "]";
    }

    private final class Host implements ConsumerHost<T> {
        @Override
        public long nextId() {
            return ids.incrementAndGet();
        }

        @Override
        public Optional<String> streamName() {
            return Optional.empty();
        }

        @Override
        public Backlog backlog() {
            return backlog;
        }

        @Override
        public void attach(Sink<T> sink) {
            byId.put(sink.id(), sink);
            fanout.add(sink);
            if (sink.isEnded()) {
                // It ended while attaching; its own detach may have run before the put.
                byId.remove(sink.id(), sink);
            }
        }

        @Override
        public void detach(Sink<T> sink) {
            byId.remove(sink.id(), sink);
            fanout.remove(sink);
        }
    }

    /**
     * Builds a {@link WritableStream}. Without {@link #maxBacklog} the stream is unbounded; with it the
     * policy defaults to {@link OverflowPolicy#FAIL}. Setting a policy without a bound is an error.
     * Not thread-safe (a builder is meant for one thread); arguments are checked as they are set.
     * <pre>{@code
     * WritableStream<Message> out = WritableStream.builder()
     *         .maxBacklog(1_000)
     *         .overflowPolicy(OverflowPolicy.DROP_OLDEST)
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final Backlog.Spec spec = new Backlog.Spec();

        private Builder() {
        }

        /** Most items one consumer may have buffered; at least 1. */
        public Builder maxBacklog(int maxBacklog) {
            spec.maxBacklog(maxBacklog);
            return this;
        }

        /** What happens when a consumer's backlog is full; requires {@link #maxBacklog}. */
        public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
            spec.overflowPolicy(overflowPolicy);
            return this;
        }

        /**
         * Builds an immutable configuration; the builder can be reused.
         *
         * @throws IllegalStateException if a policy was set without a bound
         */
        public <T> WritableStream<T> build() {
            return new WritableStream<>(spec.build());
        }
    }
}
