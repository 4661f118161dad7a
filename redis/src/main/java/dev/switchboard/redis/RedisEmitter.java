package dev.switchboard.redis;

import java.util.concurrent.CompletableFuture;

/**
 * Publishes to a Switchboard deployment from any JVM service, without running a server: to SocketCluster
 * channels (subscribers on every node receive, as if a node had published) and to Socket.IO namespaces
 * and rooms in socket.io's Redis adapter format (like {@code @socket.io/redis-emitter}), including
 * {@code socketsJoin}, {@code socketsLeave}, {@code disconnectSockets} and {@code serverSideEmit}.
 * <pre>{@code
 * try (RedisEmitter emitter = RedisEmitter.create(RedisBrokerOptions.builder("redis://127.0.0.1:6379").build())) {
 *     emitter.publish("news", Map.of("headline", "hello")).join();
 *     emitter.socketIo().to("room1").emit("update", 42).join();
 *     emitter.of("/admin").in("user:7").disconnectSockets(true).join();
 * }
 * }</pre>
 * Give it the same options as the nodes' {@link RedisBroker}s ({@code uri}, {@code mode}, {@code prefix},
 * {@code shardedPartitions}, {@code socketIoKey}), so the channel names match. Socket.IO needs mode
 * {@link RedisBrokerOptions.Mode#STANDALONE}, as on the nodes.
 *
 * <h2>Lifecycle</h2>
 * {@link #create} connects and throws {@link dev.switchboard.core.spi.BrokerException} when Redis cannot
 * be reached within the command timeout; lost connections are re-established in the background. {@link
 * #close} releases connections and threads; later calls fail.
 *
 * <h2>Delivery</h2>
 * At most once, like the broker: each future completes once Redis accepted the message and fails with
 * {@link dev.switchboard.core.spi.BrokerException} at once while disconnected and after the command
 * timeout when Redis hangs; nothing is queued or retried. SocketCluster publications to one channel from
 * one emitter carry a stream of their own (an epoch and offsets 0, 1, 2...) and arrive in call order.
 * Nothing is answered: an emitter cannot wait for acknowledgements or fetch sockets.
 *
 * <h2>Threading</h2>
 * Thread-safe and non-blocking; futures complete on Lettuce's I/O threads, so callbacks must not block.
 */
public interface RedisEmitter extends AutoCloseable {

    /**
     * Connects to Redis as {@code options} say (only the connection settings, the prefix, the partitions
     * and the Socket.IO key are used).
     *
     * @throws dev.switchboard.core.spi.BrokerException if Redis cannot be reached
     */
    static RedisEmitter create(RedisBrokerOptions options) {
        return new RedisEmitterImpl(options);
    }

    /** Publishes {@code data} (converted as JSON) to the SocketCluster channel {@code channel} on every node. */
    CompletableFuture<Void> publish(String channel, Object data);

    /** The Socket.IO main namespace {@code /}. */
    SocketIoEmitter socketIo();

    /** The Socket.IO namespace {@code namespace} ({@code "chat"} and {@code "/chat"} are the same). */
    SocketIoEmitter of(String namespace);

    /** The options the emitter was created with. */
    RedisBrokerOptions options();

    @Override
    void close();
}
