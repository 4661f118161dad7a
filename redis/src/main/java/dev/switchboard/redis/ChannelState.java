package dev.switchboard.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one node knows about one channel: its publishing stream (stream number and next offset) and
 * whether it is subscribed. {@link #lock} orders everything done for the channel on this node: offsets
 * are taken and the publish command is written under it, so offset order is wire order, and the sink is
 * called under it, one publication at a time, whether the publication is local or came from Redis.
 *
 * <p>A state lives while the channel is subscribed or was published to within the broker's idle time;
 * then it is {@link #retired} and removed. A later publish makes a new state with a new stream number,
 * hence a new epoch, since the old offsets are forgotten. Whoever takes the lock must check {@code
 * retired} and start over with a fresh state if it is set.
 */
final class ChannelState {
    final String channel;
    final String redisName;
    final long stream;
    private final String epoch;
    final ReentrantLock lock = new ReentrantLock();

    // Guarded by lock.
    long nextOffset;
    long lastUsedNanos;
    boolean retired;
    private long seenOrigin;
    private long seenStream = -1;
    private String seenEpoch;

    /**
     * Non-null while the node wants the channel: Redis' confirmation of the latest subscribe. Written
     * under the broker's subscription lock and {@link #lock}; read under either, or racily to skip work.
     */
    volatile CompletableFuture<Void> subscribed;

    ChannelState(String channel, String redisName, long origin, long stream) {
        this.channel = channel;
        this.redisName = redisName;
        this.stream = stream;
        this.epoch = Envelope.epoch(origin, stream);
        this.lastUsedNanos = System.nanoTime();
    }

    /** The epoch of this node's own publications to the channel. */
    String epoch() {
        return epoch;
    }

    /** The epoch of a received publication; the last one is cached, as a channel's publishers rarely change. */
    String epochOf(long origin, long originStream) {
        if (origin != seenOrigin || originStream != seenStream) {
            seenOrigin = origin;
            seenStream = originStream;
            seenEpoch = Envelope.epoch(origin, originStream);
        }
        return seenEpoch;
    }
}
