package dev.switchboard.redis;

import dev.switchboard.core.Payload;
import dev.switchboard.core.spi.BrokerException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link RedisEmitter}: the broker's transport (command connection; its pub/sub connection stays
 * idle), its channel names and envelope for SocketCluster, and {@link SioWire} for Socket.IO.
 */
final class RedisEmitterImpl implements RedisEmitter {
    /** The uid socket.io's emitter puts in its messages; nodes never take it for their own. */
    static final String UID = "emitter";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisBrokerOptions options;
    private final LettuceTransport transport;
    private final ChannelNames names;
    private final SioWire wire;
    private final long origin;
    private final AtomicLong streams = new AtomicLong();
    private final ConcurrentHashMap<String, Stream> channels = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** One channel's numbering: offsets are taken and the command written under the lock, so order holds. */
    private static final class Stream {
        final ReentrantLock lock = new ReentrantLock();
        final long number;
        long nextOffset;

        Stream(long number) {
            this.number = number;
        }
    }

    RedisEmitterImpl(RedisBrokerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        long id;
        do {
            id = RANDOM.nextLong();
        } while (id == 0);
        this.origin = id;
        this.names = new ChannelNames(options.prefix(), options.mode() == RedisBrokerOptions.Mode.SHARDED,
                options.shardedPartitions());
        this.wire = new SioWire(options.socketIoKey());
        LettuceTransport.Events quiet = new LettuceTransport.Events() {
            @Override public void message(String redisChannel, byte[] message) { }
            @Override public void unsubscribedByServer(String redisChannel) { }
            @Override public void reconnected() { }
        };
        this.transport = options.mode() == RedisBrokerOptions.Mode.STANDALONE
                ? new StandaloneTransport(options, quiet) : new ClusterTransport(options, quiet);
    }

    @Override
    public RedisBrokerOptions options() {
        return options;
    }

    @Override
    public CompletableFuture<Void> publish(String channel, Object data) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(data, "data (use Payload.nullValue() for JSON null)");
        if (closed.get()) {
            return CompletableFuture.failedFuture(new BrokerException("emitter is closed"));
        }
        Payload payload = data instanceof Payload p ? p : Payload.of(data);
        byte[] body;
        try {
            body = Envelope.body(payload);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new BrokerException("cannot encode data: " + e.getMessage(), e));
        }
        Stream stream = channels.computeIfAbsent(channel, c -> new Stream(streams.incrementAndGet()));
        stream.lock.lock();
        try {
            long offset = stream.nextOffset++;
            return transport.publish(names.redisName(channel),
                    Envelope.encode(origin, stream.number, offset, payload.isNone(), body));
        } finally {
            stream.lock.unlock();
        }
    }

    @Override
    public SocketIoEmitter socketIo() {
        return of("/");
    }

    @Override
    public SocketIoEmitter of(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        return new SocketIoEmitterImpl(this, namespace.startsWith("/") ? namespace : "/" + namespace, Set.of(), Set.of(),
                Map.of());
    }

    /** Publishes a Socket.IO message on a raw channel; fails unless the mode carries Socket.IO. */
    CompletableFuture<Void> publishSocketIo(String redisChannel, java.util.function.Supplier<byte[]> message) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new BrokerException("emitter is closed"));
        }
        if (options.mode() != RedisBrokerOptions.Mode.STANDALONE) {
            return CompletableFuture.failedFuture(new BrokerException(
                    "redis: Socket.IO adapter channels need mode STANDALONE, not " + options.mode()));
        }
        byte[] bytes;
        try {
            bytes = message.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new BrokerException("cannot encode message: " + e.getMessage(), e));
        }
        return transport.publish(redisChannel, bytes);
    }

    SioWire wire() {
        return wire;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            transport.close();
        }
    }
}
