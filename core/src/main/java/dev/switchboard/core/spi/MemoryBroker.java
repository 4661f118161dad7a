package dev.switchboard.core.spi;

import dev.switchboard.core.Payload;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory broker: a node publishes to itself. Delivery happens on the publishing thread, under a
 * per-channel lock, so offsets and order match the order of {@code publish} calls. Each time a channel
 * gets subscribed again after having none, it starts a new epoch, since nothing was kept in between.
 */
final class MemoryBroker implements Broker {
    private final String nodeEpoch = UUID.randomUUID().toString().substring(0, 8);
    private final ConcurrentHashMap<String, ChannelState> channels = new ConcurrentHashMap<>();
    private volatile BrokerSink sink;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    private static final class ChannelState {
        final ReentrantLock lock = new ReentrantLock();
        final String epoch;
        long nextOffset;

        ChannelState(String epoch) {
            this.epoch = epoch;
        }
    }

    @Override
    public void start(BrokerSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public CompletableFuture<Void> subscribe(String channel) {
        if (closed) {
            return CompletableFuture.failedFuture(new BrokerException("broker is closed"));
        }
        channels.computeIfAbsent(channel, c -> new ChannelState(nextEpoch()));
        return CompletableFuture.completedFuture(null);
    }

    private String nextEpoch() {
        return nodeEpoch + "-" + generation.incrementAndGet();
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String channel) {
        channels.remove(channel);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> publish(String channel, Payload data) {
        if (closed || sink == null) {
            return CompletableFuture.failedFuture(new BrokerException("broker is " + (closed ? "closed" : "not started")));
        }
        ChannelState state = channels.get(channel);
        if (state == null) {
            return CompletableFuture.completedFuture(null); // nobody on this node listens
        }
        state.lock.lock();
        try {
            sink.deliver(new Publication(channel, data, new StreamPosition(state.nextOffset++, state.epoch)));
        } finally {
            state.lock.unlock();
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public void close() {
        closed = true;
        channels.clear();
    }
}
