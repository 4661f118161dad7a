/**
 * A {@link dev.switchboard.core.spi.Broker} over Redis pub/sub (Lettuce), for running several
 * Switchboard nodes as one: SocketCluster channels and Socket.IO rooms reach subscribers on every node.
 *
 * <p>Start with {@link dev.switchboard.redis.RedisBroker#create} and {@link
 * dev.switchboard.redis.RedisBrokerOptions#builder(String)}, then hand the broker to the server's
 * options. Standalone Redis uses {@code PUBLISH}/{@code SUBSCRIBE}; Redis Cluster can use the same, or
 * sharded pub/sub ({@code SPUBLISH}/{@code SSUBSCRIBE}) with channels hashed into partitions. The
 * public types are the broker, its options and its stats; everything Lettuce-specific is
 * package-private, and no Lettuce or Netty type appears in a public signature.
 */
package dev.switchboard.redis;
