package dev.switchboard.redis;

import dev.switchboard.core.spi.BrokerException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * What {@link RedisBroker} needs from Redis, on Lettuce: publish, subscribe and unsubscribe one Redis
 * channel, each answered by a future, and a stream of {@link Events}. Subclasses open the connections
 * of one topology; this class holds what they share: the Lettuce resources (I/O threads, the capped
 * reconnect back-off), client options, the pub/sub listener, the connection-state listener and the set
 * of channels Redis confirmed.
 *
 * <p>Client options, for every connection: commands are <em>rejected</em> while disconnected and
 * commands in flight fail when the connection drops (so nothing queues up during an outage, and a
 * publish that failed for want of a connection is not sent later), at most {@value #REQUEST_QUEUE_SIZE}
 * commands wait per connection, and every command times out after {@link
 * RedisBrokerOptions#commandTimeout()} on Lettuce's timer (no thread waits for it). A command that timed
 * out had been written: a hung Redis may still run it when it wakes up.
 */
abstract class LettuceTransport implements AutoCloseable {
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);
    /** Bounds the commands one connection may hold (in flight or written), e.g. during a Redis hang. */
    static final int REQUEST_QUEUE_SIZE = 1 << 16;

    /** What the pub/sub connections hear. Called on Lettuce's I/O threads; must not block. */
    interface Events {
        void message(String redisChannel, byte[] message);

        /** Redis ended a subscription that nobody here asked to end (a sharded slot moved). */
        void unsubscribedByServer(String redisChannel);

        /** A pub/sub connection is back after it was lost: subscriptions must be restored. */
        void reconnected();
    }

    final RedisBrokerOptions options;
    final Events events;
    final ClientResources resources;
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final Set<String> unsubscribing = ConcurrentHashMap.newKeySet();
    /** Connections that disconnected; weak, and identity-based as Lettuce's connections keep Object's equals. */
    private final Set<Object> lost = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final Disposable outageLog;
    private volatile boolean closing;

    LettuceTransport(RedisBrokerOptions options, Events events) {
        this.options = options;
        this.events = events;
        Duration maxDelay = options.maxReconnectDelay();
        Supplier<Delay> delay = () -> Delay.exponential(Duration.ofMillis(20), maxDelay, 2, TimeUnit.MILLISECONDS);
        int io = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        // Before Lettuce's io_uring probe makes Netty read it: a broker is often created before the server.
        dev.switchboard.core.internal.IoUringIoVecBound.apply();
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(io).computationThreadPoolSize(2)
                .reconnectDelay(delay).build();
        this.outageLog = logOutages();
    }

    /** Settings shared by both topologies; the cluster builder extends {@link ClientOptions.Builder}. */
    <B extends ClientOptions.Builder> B configure(B builder) {
        builder.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE_SIZE)
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(options.commandTimeout()).keepAlive(true).build());
        return builder;
    }

    abstract CompletableFuture<Void> publish(String redisChannel, byte[] message);

    abstract CompletableFuture<Void> subscribe(String redisChannel);

    /** Sends the unsubscribe; Redis' answer to it is not mistaken for a subscription the server ended. */
    final CompletableFuture<Void> unsubscribe(String redisChannel) {
        unsubscribing.add(redisChannel);
        return sendUnsubscribe(redisChannel).whenComplete((v, e) -> {
            if (e != null) {
                unsubscribing.remove(redisChannel);
            }
        });
    }

    abstract CompletableFuture<Void> sendUnsubscribe(String redisChannel);

    /**
     * Opens another pub/sub connection, for the Socket.IO adapter's channels and patterns (which Lettuce
     * restores by itself after a reconnect). Blocks until connected.
     *
     * @throws BrokerException when this topology has no such connection or Redis cannot be reached
     */
    StatefulRedisPubSubConnection<String, byte[]> connectExtraPubSub() {
        throw new BrokerException("redis: Socket.IO adapter channels need mode STANDALONE");
    }

    /** {@code PUBSUB NUMSUB channel}: how many connections subscribe to it. */
    CompletableFuture<Long> numsub(String channel) {
        return CompletableFuture.failedFuture(new BrokerException("redis: PUBSUB NUMSUB needs mode STANDALONE"));
    }

    /** Closes the connections and the client; pending commands fail. */
    abstract void closeClient();

    /** Channels Redis confirmed and did not end since: what Lettuce restores after a reconnect. */
    Set<String> confirmed() {
        return Set.copyOf(confirmed);
    }

    @Override
    public final void close() {
        closing = true;
        outageLog.dispose();
        try {
            closeClient();
        } finally {
            resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }

    /** Adapts a Lettuce answer to the broker's futures: {@link BrokerException} on any failure. */
    static CompletableFuture<Void> adapt(Supplier<? extends CompletionStage<?>> command, String verb, String channel) {
        CompletableFuture<Void> out = new CompletableFuture<>();
        CompletionStage<?> stage;
        try {
            stage = command.get();
        } catch (RuntimeException e) {
            out.completeExceptionally(failure(verb + " " + channel, e));
            return out;
        }
        stage.whenComplete((v, e) -> {
            if (e == null) {
                out.complete(null);
            } else {
                out.completeExceptionally(failure(verb + " " + channel, e));
            }
        });
        return out;
    }

    /** Like {@link #adapt}, keeping the answer. */
    static <T> CompletableFuture<T> adaptValue(Supplier<? extends CompletionStage<T>> command, String what) {
        CompletableFuture<T> out = new CompletableFuture<>();
        try {
            command.get().whenComplete((v, e) -> {
                if (e == null) {
                    out.complete(v);
                } else {
                    out.completeExceptionally(failure(what, e));
                }
            });
        } catch (RuntimeException e) {
            out.completeExceptionally(failure(what, e));
        }
        return out;
    }

    static BrokerException failure(String what, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String why = cause instanceof RedisCommandTimeoutException ? "Redis did not answer in time ("
                + cause.getMessage() + ")" : String.valueOf(cause.getMessage());
        return new BrokerException("redis: " + what + " failed: " + why, cause);
    }

    /** Listens to the pub/sub connection(s); also receives what node connections of a cluster hear. */
    final class PubSubListener extends RedisPubSubAdapter<String, byte[]> {
        @Override
        public void message(String channel, byte[] message) {
            events.message(channel, message);
        }

        @Override
        public void smessage(String channel, byte[] message) {
            events.message(channel, message);
        }

        @Override
        public void subscribed(String channel, long count) {
            confirmed.add(channel);
        }

        @Override
        public void ssubscribed(String channel, long count) {
            confirmed.add(channel);
        }

        @Override
        public void unsubscribed(String channel, long count) {
            confirmed.remove(channel);
            unsubscribing.remove(channel);
        }

        @Override
        public void sunsubscribed(String channel, long count) {
            confirmed.remove(channel);
            if (!unsubscribing.remove(channel) && !closing) {
                events.unsubscribedByServer(channel);
            }
        }
    }

    /**
     * Notices connections coming back. Every disconnect is remembered (weakly: connections closed on
     * purpose, like Lettuce's short-lived topology connections, never come back and are collected); a
     * remembered connection that connects again was lost, and if it is a pub/sub connection the broker
     * restores its subscriptions. Losses themselves are logged from Lettuce's first reconnect attempt,
     * which only real losses make.
     */
    final class StateListener implements RedisConnectionStateListener {
        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            if (lost.remove(connection)) {
                boolean pubsub = connection instanceof StatefulRedisPubSubConnection;
                log.info("Redis connection to {} is back ({})", address, pubsub ? "pub/sub, resubscribing" : "commands");
                if (pubsub && !closing) {
                    events.reconnected();
                }
            }
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (!closing) {
                lost.add(connection);
            }
        }
    }

    /** Logs the start of every outage: Lettuce's first reconnect attempt for a connection. */
    final Disposable logOutages() {
        return resources.eventBus().get().subscribe(event -> {
            if (event instanceof ReconnectAttemptEvent attempt && attempt.getAttempt() == 1 && !closing) {
                log.warn("Redis connection to {} lost, reconnecting; meanwhile publishes fail and other nodes' "
                        + "publications do not arrive", attempt.remoteAddress());
            }
        });
    }
}
