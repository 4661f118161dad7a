package dev.switchboard.redis;

import java.nio.charset.StandardCharsets;

/**
 * Maps Switchboard channel names to Redis channel names and back.
 *
 * <p>Classic modes: {@code <prefix>:<channel>}. Sharded mode: {@code <prefix>:{<partition>}:<channel>},
 * where {@code partition} is FNV-1a (32 bit, unsigned) of the channel's UTF-8 bytes modulo the partition
 * count.
 * Redis Cluster hashes only the text between the first braces, so every channel of a partition lives in
 * the same hash slot: one {@code SSUBSCRIBE} per partition can carry many channels, and one connection
 * per master serves all of the master's partitions. The prefix never contains braces, so the
 * partition's tag is always the first one, whatever the channel name holds.
 */
final class ChannelNames {
    private final String prefix;
    private final boolean sharded;
    private final int partitions;

    ChannelNames(String prefix, boolean sharded, int partitions) {
        this.prefix = prefix + ":";
        this.sharded = sharded;
        this.partitions = partitions;
    }

    boolean sharded() {
        return sharded;
    }

    /** The Redis channel carrying {@code channel}. */
    String redisName(String channel) {
        if (!sharded) {
            return prefix + channel;
        }
        return prefix + "{" + partition(channel) + "}:" + channel;
    }

    /** The Switchboard channel a Redis channel carries, or {@code null} when it is not one of ours. */
    String channel(String redisName) {
        if (!redisName.startsWith(prefix)) {
            return null;
        }
        if (!sharded) {
            return redisName.substring(prefix.length());
        }
        int open = prefix.length();
        int close = redisName.indexOf("}:", open);
        if (close < 0 || redisName.charAt(open) != '{') {
            return null;
        }
        return redisName.substring(close + 2);
    }

    /** The partition of {@code channel}, in {@code [0, partitions)}; stable across JVMs and versions. */
    int partition(String channel) {
        return Integer.remainderUnsigned(fnv1a(channel.getBytes(StandardCharsets.UTF_8)), partitions);
    }

    /** The partition a Redis channel name belongs to (sharded mode), or -1. */
    int partitionOf(String redisName) {
        String channel = channel(redisName);
        return channel == null || !sharded ? -1 : partition(channel);
    }

    static int fnv1a(byte[] bytes) {
        int hash = 0x811c9dc5;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return hash;
    }
}
