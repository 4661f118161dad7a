package dev.switchboard.redis;

/**
 * A snapshot of a {@link RedisBroker}'s counters, all since it was created.
 *
 * @param published          publications Redis accepted
 * @param publishFailures    publish futures that failed: Redis unreachable, too slow, or the broker closed.
 *                           Each was still delivered to this node's own subscribers.
 * @param localDeliveries    publications of this node handed straight to its own sink
 * @param remoteDeliveries   publications of other nodes received from Redis and handed to the sink
 * @param malformed          messages on our channels that could not be read (another envelope version)
 * @param resyncs            times the broker re-sent its subscriptions after Redis came back
 * @param subscribedChannels channels this node is subscribed to now
 */
public record RedisBrokerStats(long published, long publishFailures, long localDeliveries, long remoteDeliveries,
        long malformed, long resyncs, int subscribedChannels) {}
