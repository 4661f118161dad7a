package dev.switchboard.redis;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable settings of a {@link RedisBroker}. Build with {@link #builder(String)}; the constructor
 * rejects invalid values, so an instance is always usable.
 *
 * @param uri                where Redis is: {@code redis://[password@]host[:port][/database]} or {@code
 *                           rediss://...} (TLS). In the cluster modes, seed nodes may be listed as {@code
 *                           redis://host1:port1,host2:port2}; the rest of the cluster is discovered.
 * @param mode               how publications travel; see {@link Mode}. Default {@link Mode#STANDALONE}.
 * @param shardedPartitions  in {@link Mode#SHARDED}, how many partitions channels hash into; each partition
 *                           is one hash slot, so this bounds how far the load spreads over the cluster's
 *                           masters. Every node of a deployment must use the same number. Default
 *                           {@value #DEFAULT_SHARDED_PARTITIONS}; ignored in the other modes.
 * @param commandTimeout     how long a publish or a subscribe waits for Redis before its future fails;
 *                           also the connect timeout. Default 5 s.
 * @param maxReconnectDelay  the longest pause between reconnect attempts after Redis went away (attempts
 *                           back off exponentially from 20 ms up to this). Default 1 s.
 * @param prefix             start of every Redis channel name this broker uses, so several deployments can
 *                           share one Redis; letters, digits and {@code . _ : -} only. Every node of a
 *                           deployment must use the same prefix. Default {@value #DEFAULT_PREFIX}.
 * @param socketIoKey        the {@code key} of socket.io's Redis adapter: Socket.IO traffic travels on
 *                           {@code <key>#<namespace>#...} channels in its wire format (mode {@link
 *                           Mode#STANDALONE} only), so Node.js socket.io nodes with {@code
 *                           @socket.io/redis-adapter} and {@code @socket.io/redis-emitter} processes using
 *                           the same key interoperate. Default {@value #DEFAULT_SOCKET_IO_KEY}, as in socket.io.
 * @param requestTimeout     how long a Socket.IO cluster request ({@code fetchSockets}, {@code
 *                           serverSideEmitWithAck}, broadcasts with acks without their own timeout) waits for
 *                           every node's answer. Default 5 s, as socket.io's {@code requestsTimeout}.
 */
public record RedisBrokerOptions(String uri, Mode mode, int shardedPartitions, Duration commandTimeout,
        Duration maxReconnectDelay, String prefix, String socketIoKey, Duration requestTimeout) {

    /** How the broker uses Redis. */
    public enum Mode {
        /** One Redis server (or a Sentinel-managed one): {@code PUBLISH}/{@code SUBSCRIBE}. */
        STANDALONE,
        /**
         * Redis Cluster with classic pub/sub: {@code PUBLISH}/{@code SUBSCRIBE}. Every publication is
         * broadcast over the cluster bus to every cluster node; simple, but the bus carries all traffic.
         */
        CLUSTER,
        /**
         * Redis Cluster (7.0+) with sharded pub/sub: {@code SPUBLISH}/{@code SSUBSCRIBE}. A channel's
         * publications only touch the master that owns its partition's hash slot, so throughput grows
         * with the number of masters. Channel names carry the partition as a hash tag.
         */
        SHARDED
    }

    public static final int DEFAULT_SHARDED_PARTITIONS = 16;
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(1);
    public static final String DEFAULT_PREFIX = "switchboard";
    public static final String DEFAULT_SOCKET_IO_KEY = "socket.io";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** Most partitions: Redis Cluster has 16384 hash slots. */
    public static final int MAX_SHARDED_PARTITIONS = 16384;

    private static final Set<String> STANDALONE_SCHEMES = Set.of("redis", "rediss", "redis-socket", "redis-sentinel",
            "rediss-sentinel");
    private static final Set<String> CLUSTER_SCHEMES = Set.of("redis", "rediss");

    public RedisBrokerOptions {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(maxReconnectDelay, "maxReconnectDelay");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(socketIoKey, "socketIoKey");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        String scheme = scheme(uri);
        if (!(mode == Mode.STANDALONE ? STANDALONE_SCHEMES : CLUSTER_SCHEMES).contains(scheme)) {
            throw new IllegalArgumentException("uri scheme " + scheme + " is not supported in mode " + mode + ": "
                    + redact(uri));
        }
        if (shardedPartitions < 1 || shardedPartitions > MAX_SHARDED_PARTITIONS) {
            throw new IllegalArgumentException("shardedPartitions must be 1.." + MAX_SHARDED_PARTITIONS + ": "
                    + shardedPartitions);
        }
        positive("commandTimeout", commandTimeout);
        positive("maxReconnectDelay", maxReconnectDelay);
        if (maxReconnectDelay.toMillis() < 50) {
            throw new IllegalArgumentException("maxReconnectDelay must be at least 50 ms: " + maxReconnectDelay);
        }
        if (prefix.isEmpty() || prefix.length() > 64 || !prefix.chars().allMatch(RedisBrokerOptions::prefixChar)) {
            throw new IllegalArgumentException("prefix must be 1..64 letters, digits or . _ : - : '" + prefix + "'");
        }
        if (socketIoKey.isEmpty() || socketIoKey.length() > 64 || !socketIoKey.chars().allMatch(RedisBrokerOptions::prefixChar)) {
            throw new IllegalArgumentException("socketIoKey must be 1..64 letters, digits or . _ : - : '" + socketIoKey + "'");
        }
        positive("requestTimeout", requestTimeout);
    }

    private static String scheme(String uri) {
        int colon = uri.indexOf("://");
        if (colon <= 0) {
            throw new IllegalArgumentException("uri must look like redis://host:port: " + redact(uri));
        }
        try {
            URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("uri is malformed: " + redact(uri), e);
        }
        return uri.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean prefixChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == ':' || c == '-';
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    /** The URI with any password replaced by {@code ***}, for logs. */
    static String redact(String uri) {
        int start = uri.indexOf("://");
        int at = uri.lastIndexOf('@');
        if (start < 0 || at < start) {
            return uri;
        }
        return uri.substring(0, start + 3) + "***" + uri.substring(at);
    }

    /** A builder for {@code uri}, with every other setting at its default. */
    public static Builder builder(String uri) {
        return new Builder(uri);
    }

    public Builder toBuilder() {
        return new Builder(uri).mode(mode).shardedPartitions(shardedPartitions).commandTimeout(commandTimeout)
                .maxReconnectDelay(maxReconnectDelay).prefix(prefix).socketIoKey(socketIoKey).requestTimeout(requestTimeout);
    }

    /** Like the record's, but without the password. */
    @Override
    public String toString() {
        return "RedisBrokerOptions[uri=" + redact(uri) + ", mode=" + mode + ", shardedPartitions=" + shardedPartitions
                + ", commandTimeout=" + commandTimeout + ", maxReconnectDelay=" + maxReconnectDelay + ", prefix="
                + prefix + ", socketIoKey=" + socketIoKey + ", requestTimeout=" + requestTimeout + "]";
    }

    /** Mutable, single-threaded builder for {@link RedisBrokerOptions}; {@link #build()} validates. */
    public static final class Builder {
        private String uri;
        private Mode mode = Mode.STANDALONE;
        private int shardedPartitions = DEFAULT_SHARDED_PARTITIONS;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration maxReconnectDelay = DEFAULT_MAX_RECONNECT_DELAY;
        private String prefix = DEFAULT_PREFIX;
        private String socketIoKey = DEFAULT_SOCKET_IO_KEY;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

        private Builder(String uri) {
            this.uri = uri;
        }

        public Builder uri(String uri) { this.uri = uri; return this; }
        public Builder mode(Mode mode) { this.mode = mode; return this; }
        public Builder shardedPartitions(int partitions) { this.shardedPartitions = partitions; return this; }
        public Builder commandTimeout(Duration timeout) { this.commandTimeout = timeout; return this; }
        public Builder maxReconnectDelay(Duration delay) { this.maxReconnectDelay = delay; return this; }
        public Builder prefix(String prefix) { this.prefix = prefix; return this; }
        public Builder socketIoKey(String key) { this.socketIoKey = key; return this; }
        public Builder requestTimeout(Duration timeout) { this.requestTimeout = timeout; return this; }

        public RedisBrokerOptions build() {
            return new RedisBrokerOptions(uri, mode, shardedPartitions, commandTimeout, maxReconnectDelay, prefix,
                    socketIoKey, requestTimeout);
        }
    }
}
