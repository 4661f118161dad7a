/**
 * A {@link dev.switchboard.core.spi.Broker} over Redis pub/sub (Lettuce), for running several
 * Switchboard nodes as one: SocketCluster channels and Socket.IO rooms reach subscribers on every node.
 *
 * <p>Start with {@link dev.switchboard.redis.RedisBroker#create} and {@link
 * dev.switchboard.redis.RedisBrokerOptions#builder(String)}, then hand the broker to the server's
 * options. Standalone Redis uses {@code PUBLISH}/{@code SUBSCRIBE}; Redis Cluster can use the same, or
 * sharded pub/sub ({@code SPUBLISH}/{@code SSUBSCRIBE}) with channels hashed into partitions. The
 * public types are the broker, its options and its stats, and the {@link dev.switchboard.redis.RedisEmitter}
 * ({@link dev.switchboard.redis.SocketIoEmitter}) that publishes to a deployment from a JVM that runs no
 * server; everything Lettuce-specific is package-private, and no Lettuce or Netty type appears in a public
 * signature.
 *
 * <p>In standalone mode Socket.IO namespaces speak socket.io's Redis adapter wire format (MessagePack
 * broadcasts, JSON/MessagePack requests), so {@code @socket.io/redis-emitter} processes and this module's
 * emitter reach the sockets of every node, and the server's cluster utilities span all nodes.
 */
package dev.switchboard.redis;
