package dev.switchboard.core.stream;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Named events as streams, as SocketCluster's AsyncStreamEmitter: {@code emit(name, value)} reaches
 * everyone consuming {@code listener(name)}. A thin, event-flavoured face over a {@link StreamDemux}.
 *
 * <p><b>Lifecycle.</b> Events emitted while nobody listens are lost. A listener is a
 * {@link ConsumableStream}: create its consumer before the event can happen, iterate it on a virtual
 * thread. Closing or killing a listener ends its current consumers; listening again later works.
 *
 * <p><b>Composition.</b> Final on purpose: servers and sockets hold one (usually privately) and expose
 * the listener methods they want, keeping {@link #emit} to themselves.
 *
 * <p><b>Threading and backpressure.</b> As {@link StreamDemux}: thread-safe, {@code emit} never blocks
 * on listeners, each listener consumer buffers what it has not consumed, bounded only if built so.
 *
 * @param <T> event value type; never null
 */
public final class StreamEmitter<T> {

    private final StreamDemux<T> demux;

    private StreamEmitter(StreamDemux<T> demux) {
        this.demux = demux;
    }

    /** An emitter whose listeners are unbounded. */
    public static <T> StreamEmitter<T> create() {
        return new StreamEmitter<>(StreamDemux.create());
    }

    /** A builder for an emitter whose listener consumers have a backlog bound. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Emits an event to the current consumers of {@code listener(name)}; lost if there are none.
     *
     * @return how many consumers accepted it
     */
    public int emit(String name, T value) {
        return demux.write(name, value);
    }

    /** The stream of {@code name} events; cheap, buffers nothing until a consumer is created. */
    public ConsumableStream<T> listener(String name) {
        return demux.stream(name);
    }

    /** The consumers of {@code listener(name)} drain, then end. */
    public void closeListener(String name) {
        demux.close(name);
    }

    /** The consumers of {@code listener(name)} drain, then end with {@code endValue}. */
    public void closeListener(String name, T endValue) {
        demux.close(name, endValue);
    }

    /** Closes the consumers of every listener. */
    public void closeAllListeners() {
        demux.closeAll();
    }

    /** The consumers of {@code listener(name)} end at once, backlog discarded. */
    public void killListener(String name) {
        demux.kill(name);
    }

    /** As {@link #killListener(String)}, with an end value. */
    public void killListener(String name, T endValue) {
        demux.kill(name, endValue);
    }

    /** Kills the consumers of every listener. */
    public void killAllListeners() {
        demux.killAll();
    }

    /** Closes one listener consumer by id; {@code false} if it is not registered. */
    public boolean closeListenerConsumer(long consumerId) {
        return demux.closeConsumer(consumerId);
    }

    /** Kills one listener consumer by id; {@code false} if it is not registered. */
    public boolean killListenerConsumer(long consumerId) {
        return demux.killConsumer(consumerId);
    }

    /** The largest backlog among the consumers of {@code listener(name)}. */
    public int listenerBackpressure(String name) {
        return demux.backpressure(name);
    }

    /** The largest backlog of any listener consumer. */
    public int allListenersBackpressure() {
        return demux.backpressureAll();
    }

    /** The backlog of one listener consumer; 0 if it is not registered. */
    public int listenerConsumerBackpressure(long consumerId) {
        return demux.consumerBackpressure(consumerId);
    }

    /** Snapshots of the consumers of {@code listener(name)}. */
    public List<ConsumerStats> listenerConsumerStats(String name) {
        return demux.consumerStats(name);
    }

    /** A snapshot of one listener consumer, if registered. */
    public Optional<ConsumerStats> listenerConsumerStats(long consumerId) {
        return demux.consumerStats(consumerId);
    }

    /** Snapshots of every listener consumer. */
    public List<ConsumerStats> allListenersConsumerStats() {
        return demux.consumerStatsAll();
    }

    /** Consumers of {@code listener(name)}. */
    public int listenerConsumerCount(String name) {
        return demux.consumerCount(name);
    }

    /** Consumers of every listener. */
    public int allListenersConsumerCount() {
        return demux.consumerCountAll();
    }

    /** Whether consumer {@code consumerId} is registered on {@code listener(name)}. */
    public boolean hasListenerConsumer(String name, long consumerId) {
        return demux.hasConsumer(name, consumerId);
    }

    /** Whether consumer {@code consumerId} is registered on any listener. */
    public boolean hasAnyListenerConsumer(long consumerId) {
        return demux.hasConsumer(consumerId);
    }

    /** Event names that currently have at least one consumer (a snapshot). */
    public Set<String> listenerNames() {
        return demux.streamNames();
    }

    @Override
    public String toString() {
        return "StreamEmitter[listeners=" + demux.streamNames().size() + "]";
    }

    /** Builds a {@link StreamEmitter}; same rules as {@link WritableStream.Builder}; not thread-safe. */
    public static final class Builder {
        private final StreamDemux.Builder demux = StreamDemux.builder();

        private Builder() {
        }

        /** Most events one listener consumer may have buffered; at least 1. */
        public Builder maxBacklog(int maxBacklog) {
            demux.maxBacklog(maxBacklog);
            return this;
        }

        /** What happens when a listener consumer's backlog is full; requires {@link #maxBacklog}. */
        public Builder overflowPolicy(OverflowPolicy overflowPolicy) {
            demux.overflowPolicy(overflowPolicy);
            return this;
        }

        /**
         * Builds an emitter with an immutable configuration.
         *
         * @throws IllegalStateException if a policy was set without a bound
         */
        public <T> StreamEmitter<T> build() {
            return new StreamEmitter<>(demux.build());
        }
    }
}
