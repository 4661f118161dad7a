package dev.switchboard.redis;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's {@link ChannelState}s by channel name. A state is made on first use (publish or
 * subscribe) with the next stream number, and {@link #sweep() swept} once it is neither subscribed nor
 * published to for the idle time, so channels published to once do not stay in memory forever.
 */
final class ChannelTable {
    private final ConcurrentHashMap<String, ChannelState> states = new ConcurrentHashMap<>();
    private final AtomicLong streams = new AtomicLong();
    private final ChannelNames names;
    private final long nodeId;
    private final long idleNanos;

    ChannelTable(ChannelNames names, long nodeId, long idleNanos) {
        this.names = names;
        this.nodeId = nodeId;
        this.idleNanos = idleNanos;
    }

    /** The state of {@code channel}, or {@code null}. */
    ChannelState get(String channel) {
        return states.get(channel);
    }

    /** The state of {@code channel}, made if missing; the caller checks {@link ChannelState#retired} under its lock. */
    ChannelState getOrCreate(String channel) {
        return states.computeIfAbsent(channel,
                c -> new ChannelState(c, names.redisName(c), nodeId, streams.incrementAndGet()));
    }

    Collection<ChannelState> all() {
        return states.values();
    }

    int subscribedCount() {
        int count = 0;
        for (ChannelState state : states.values()) {
            if (state.subscribed != null) {
                count++;
            }
        }
        return count;
    }

    /** Retires and removes states idle for longer than the idle time, on channels not subscribed. */
    void sweep() {
        long now = System.nanoTime();
        for (ChannelState state : states.values()) {
            if (state.subscribed != null) {
                continue;
            }
            state.lock.lock();
            try {
                if (!state.retired && state.subscribed == null && now - state.lastUsedNanos > idleNanos) {
                    state.retired = true;
                    states.remove(state.channel, state);
                }
            } finally {
                state.lock.unlock();
            }
        }
    }
}
