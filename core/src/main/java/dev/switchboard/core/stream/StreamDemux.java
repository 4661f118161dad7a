package dev.switchboard.core.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many named streams behind one writer, as SocketCluster's stream-demux: {@code write(name, item)}
 * reaches the consumers of {@link #stream(String) stream(name)} only.
 *
 * <p><b>Lifecycle.</b> A sub-stream exists only while it has consumers: it is created by its first
 * consumer and removed when its last consumer ends. Writing to a name without consumers is a no-op:
 * the item is dropped, not queued for a future consumer. {@link #stream(String)} returns a cheap handle
 * that buffers nothing until a consumer is created on it. Closing or killing a name ends its current
 * consumers only; new consumers can be created on it at any time.
 *
 * <p><b>Threading.</b> Safe from any number of threads; writers never block on consumers. Consumer ids
 * come from one counter for the whole demux, so ids identify a consumer across all names.
 *
 * <p><b>Backpressure.</b> Per consumer as in {@link WritableStream}; per name the largest backlog of
 * its consumers. The optional {@linkplain Builder#maxBacklog bound} applies to every consumer of every
 * name.
 *
 * <p>Null names, items and end values are rejected with {@link NullPointerException}.
 *
 * @param <T> item type
 */
public final class StreamDemux<T> {

    private final Backlog backlog;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<String, Fanout<T>> streams = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Sink<T>> byId = new ConcurrentHashMap<>();

    private StreamDemux(Backlog backlog) {
        this.backlog = backlog;
    }

    /** An unbounded demux. */
    public static <T> StreamDemux<T> create() {
        return new StreamDemux<>(Backlog.UNBOUNDED);
    }

    /** A builder for a demux whose consumers have a backlog bound. */
    public static Builder builder() {
        return new Builder();
    }

    /** A handle on the named sub-stream; cheap, registers and buffers nothing by itself. */
    public ConsumableStream<T> stream(String name) {
        return new DemuxStream<>(this, Checks.name(name));
    }

    /**
     * Delivers the item to every consumer of {@code name}; dropped if there are none.
     *
     * @return how many consumers accepted it
     */
    public int write(String name, T item) {
        Checks.item(item);
        Fanout<T> fanout = streams.get(Checks.name(name));
        return fanout == null ? 0 : fanout.write(item);
    }

    /** Delivers the item to one consumer; {@code false} if it is not registered or refused it. */
    public boolean writeToConsumer(long consumerId, T item) {
        Checks.item(item);
        Sink<T> sink = byId.get(consumerId);
        return sink != null && sink.offer(item);
    }

    // ---- ending consumers ----

    /** The consumers of {@code name} drain, then end. */
    public void close(String name) {
        ifPresent(name).ifPresent(f -> f.closeAll(null));
    }

    /** The consumers of {@code name} drain, then end with {@code endValue}. */
    public void close(String name, T endValue) {
        Checks.endValue(endValue);
        ifPresent(name).ifPresent(f -> f.closeAll(endValue));
    }

    /** The consumers of {@code name} end at once, backlog discarded. */
    public void kill(String name) {
        ifPresent(name).ifPresent(f -> f.killAll(null));
    }

    /** The consumers of {@code name} end at once with {@code endValue}, backlog discarded. */
    public void kill(String name, T endValue) {
        Checks.endValue(endValue);
        ifPresent(name).ifPresent(f -> f.killAll(endValue));
    }

    /** Closes every consumer of every name. */
    public void closeAll() {
        streams.values().forEach(f -> f.closeAll(null));
    }

    /** Closes every consumer of every name with {@code endValue}. */
    public void closeAll(T endValue) {
        Checks.endValue(endValue);
        streams.values().forEach(f -> f.closeAll(endValue));
    }

    /** Kills every consumer of every name. */
    public void killAll() {
        streams.values().forEach(f -> f.killAll(null));
    }

    /** Kills every consumer of every name with {@code endValue}. */
    public void killAll(T endValue) {
        Checks.endValue(endValue);
        streams.values().forEach(f -> f.killAll(endValue));
    }

    /** Closes one consumer, whatever its name; {@code false} if it is not registered. */
    public boolean closeConsumer(long consumerId) {
        return Targets.close(byId.get(consumerId), null);
    }

    /** Closes one consumer with an end value; {@code false} if it is not registered. */
    public boolean closeConsumer(long consumerId, T endValue) {
        return Targets.close(byId.get(consumerId), Checks.endValue(endValue));
    }

    /** Kills one consumer, whatever its name; {@code false} if it is not registered. */
    public boolean killConsumer(long consumerId) {
        return Targets.kill(byId.get(consumerId), null);
    }

    /** Kills one consumer with an end value; {@code false} if it is not registered. */
    public boolean killConsumer(long consumerId, T endValue) {
        return Targets.kill(byId.get(consumerId), Checks.endValue(endValue));
    }

    // ---- inspection ----

    /** The largest backlog among the consumers of {@code name}; 0 without any. */
    public int backpressure(String name) {
        return ifPresent(name).map(Fanout::backpressure).orElse(0);
    }

    /** The largest backlog of any consumer of any name. */
    public int backpressureAll() {
        int max = 0;
        for (Fanout<T> fanout : streams.values()) {
            max = Math.max(max, fanout.backpressure());
        }
        return max;
    }

    /** The backlog of one consumer; 0 if it is not registered. */
    public int consumerBackpressure(long consumerId) {
        Sink<T> sink = byId.get(consumerId);
        return sink == null ? 0 : sink.backpressure();
    }

    /** Snapshots of the consumers of {@code name} (including pending {@code once} calls). */
    public List<ConsumerStats> consumerStats(String name) {
        return ifPresent(name).map(Fanout::stats).orElse(List.of());
    }

    /** Snapshots of every consumer of every name. */
    public List<ConsumerStats> consumerStatsAll() {
        List<ConsumerStats> all = new ArrayList<>();
        streams.values().forEach(f -> all.addAll(f.stats()));
        return Collections.unmodifiableList(all);
    }

    /** A snapshot of one consumer, whatever its name, if registered. */
    public Optional<ConsumerStats> consumerStats(long consumerId) {
        return Optional.ofNullable(byId.get(consumerId)).map(Sink::stats);
    }

    /** Consumers of {@code name}, including pending {@code once} calls and closed ones still draining. */
    public int consumerCount(String name) {
        return ifPresent(name).map(Fanout::count).orElse(0);
    }

    /** Consumers of every name. */
    public int consumerCountAll() {
        return byId.size();
    }

    /** Whether consumer {@code consumerId} is registered on {@code name}. */
    public boolean hasConsumer(String name, long consumerId) {
        Checks.name(name);
        Sink<T> sink = byId.get(consumerId);
        return sink != null && sink.streamName().orElseThrow().equals(name);
    }

    /** Whether consumer {@code consumerId} is registered on any name. */
    public boolean hasConsumer(long consumerId) {
        return byId.containsKey(consumerId);
    }

    /** Names that currently have at least one consumer (a snapshot). */
    public Set<String> streamNames() {
        return Set.copyOf(streams.keySet());
    }

    @Override
    public String toString() {
        return "StreamDemux[streams=" + streams.size() + ", consumers=" + byId.size() + "]";
    }

    // ---- package-internal, used by DemuxStream ----

    long nextId() {
        return ids.incrementAndGet();
    }

    Backlog backlog() {
        return backlog;
    }

    void attach(String name, Sink<T> sink) {
        byId.put(sink.id(), sink);
        // compute() serialises with detach's computeIfPresent per name, so a sub-stream is never
        // removed while a consumer is being added to it.
        streams.compute(name, (key, fanout) -> {
            Fanout<T> target = fanout == null ? new Fanout<>() : fanout;
            target.add(sink);
            return target.isEmpty() ? null : target;
        });
        if (sink.isEnded()) {
            byId.remove(sink.id(), sink); // ended while attaching; its detach may have run first
        }
    }

    void detach(String name, Sink<T> sink) {
        byId.remove(sink.id(), sink);
        streams.computeIfPresent(name, (key, fanout) -> {
            fanout.remove(sink);
            return fanout.isEmpty() ? null : fanout;
        });
    }

    private Optional<Fanout<T>> ifPresent(String name) {
        return Optional.ofNullable(streams.get(Checks.name(name)));
    }

    /** Builds a {@link StreamDemux}; same rules as {@link WritableStream.Builder}; not thread-safe. */
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
        public <T> StreamDemux<T> build() {
            return new StreamDemux<>(spec.build());
        }
    }
}
