package dev.switchboard.redis;

import dev.switchboard.core.Payload;
import dev.switchboard.core.spi.Broker;
import dev.switchboard.core.spi.BrokerException;
import dev.switchboard.core.spi.BrokerSink;
import dev.switchboard.core.spi.Publication;
import dev.switchboard.core.spi.SioClusterBus;
import dev.switchboard.core.spi.SioClusterLink;
import dev.switchboard.core.spi.SioClusterListener;
import dev.switchboard.core.spi.StreamPosition;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Broker} over Redis pub/sub, so that several Switchboard nodes share channels and Socket.IO
 * rooms. Give each node its own instance, all pointing at the same Redis:
 * <pre>{@code
 * Broker broker = RedisBroker.create(RedisBrokerOptions.builder("redis://127.0.0.1:6379").build());
 * SwitchboardServer.create(ServerOptions.builder().port(8000).broker(broker).build()).start();
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * {@link #create} connects (a command connection and a dedicated pub/sub connection; per master in a
 * cluster) and throws {@link BrokerException} when Redis cannot be reached within {@link
 * RedisBrokerOptions#commandTimeout()}. The server then calls {@link #start}; publishes and subscribes
 * fail before that. Later outages are repaired by reconnecting, with a back-off capped at {@link
 * RedisBrokerOptions#maxReconnectDelay()}; once a pub/sub connection is back the broker re-sends every
 * subscription itself (Lettuce restores classic subscriptions too, but not shard channels spanning
 * several slots). {@link #close} releases connections and threads; pending futures fail.
 *
 * <h2>Guarantees</h2>
 * Those of {@link Broker}, with these specifics:
 * <ul>
 *   <li><b>Local delivery first.</b> A publication is handed to this node's own sink by {@code publish}
 *       itself, on the calling thread, before Redis answers; its echo from Redis is recognised by the
 *       origin in the envelope and dropped. So this node's subscribers get every local publication, in
 *       call order, even while Redis is down or hanging; only other nodes depend on Redis.</li>
 *   <li><b>Failures are visible.</b> The {@code publish} future completes once Redis accepted the
 *       publication; it fails with {@link BrokerException} at once when the connection is down and after
 *       {@code commandTimeout} when Redis does not answer (a hang, {@code SIGSTOP}). Failures are counted
 *       ({@link #stats()}) and logged at most every few seconds. After a timeout the outcome is unknown:
 *       Redis may still deliver the publication when it wakes up. Nothing waits on a thread meanwhile.</li>
 *   <li><b>Order.</b> Per channel, offsets are taken and commands written under one lock, on one
 *       connection, so other nodes see one publisher's publications in call order.</li>
 *   <li><b>Subscriptions.</b> The {@code subscribe} future completes when Redis confirmed the
 *       subscription and fails after {@code commandTimeout}; a failed channel stays wanted and is
 *       subscribed again when the connection returns, until {@code unsubscribe}. {@code unsubscribe}
 *       takes effect locally at once: nothing more is delivered for the channel.</li>
 * </ul>
 *
 * <h2>Positions</h2>
 * The <em>publishing</em> node numbers its publications; no Redis round trip is spent on it. Each node
 * keeps, per channel it publishes to, a stream: an epoch {@code <node id>-<stream number>} and offsets
 * 0, 1, 2... in call order. Every receiver, this node included, sees the same position for a
 * publication. A channel with several publishing nodes is several interleaved streams, one per epoch;
 * offsets are compared only within an epoch. For a receiver, a <b>gap</b> in an epoch's offsets means
 * publications it did not get (a failed publish, a Redis outage, this node's pub/sub connection down);
 * a <b>new epoch</b> from a publisher means it started counting afresh (it restarted, or its stream was
 * idle for ten minutes and was forgotten), so nothing can be said about what
 * came in between.
 *
 * <h2>Wire format</h2>
 * One Redis message per publication: a 26-byte header (version, flags, origin node, stream, offset)
 * followed by the payload's JSON text, as {@link Payload#json()} gives it. Receivers wrap the text in
 * {@link Payload#json(String)}, parsed only if read, so the server encodes each publication once.
 * Redis channel names are {@code <prefix>:<channel>}, or {@code <prefix>:{<partition>}:<channel>} in
 * {@link RedisBrokerOptions.Mode#SHARDED sharded mode}, where channels hash into a fixed number of
 * partitions, each one hash slot (one {@code SSUBSCRIBE} connection per master serves all its partitions).
 *
 * <h2>Socket.IO</h2>
 * In {@link RedisBrokerOptions.Mode#STANDALONE} the broker is also a {@link SioClusterBus}: Socket.IO
 * namespaces speak socket.io's Redis adapter wire format on a third connection (pub/sub), with the key
 * {@link RedisBrokerOptions#socketIoKey()}, so {@code @socket.io/redis-emitter}, {@link RedisEmitter} and
 * the server's cluster-wide utilities work across nodes. Requests wait at most {@link
 * RedisBrokerOptions#requestTimeout()} for answers; the number of nodes expected to answer is {@code PUBSUB
 * NUMSUB} of the namespace's request channel.
 *
 * <h2>Threading</h2>
 * All methods are thread-safe and return without waiting for Redis. Futures complete, and the sink is
 * called for other nodes' publications, on Lettuce's I/O threads: neither may block. The sink is called
 * under a per-channel lock, one publication at a time per channel.
 */
public final class RedisBroker implements Broker, SioClusterBus {
    static final int DEFAULT_IDLE_MINUTES = 10;
    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisBrokerOptions options;
    private final long nodeId;
    private final ChannelNames names;
    private final ChannelTable channels;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final BrokerCounters counters = new BrokerCounters();
    private final LettuceTransport transport;
    private final Subscriptions subscriptions;
    private final ScheduledFuture<?> sweeper;
    private final SioRedisBus sio;
    private volatile BrokerSink sink;

    private RedisBroker(RedisBrokerOptions options, Duration idle,
            Function<LettuceTransport.Events, LettuceTransport> transports) {
        this.options = Objects.requireNonNull(options, "options");
        long id;
        do {
            id = RANDOM.nextLong();
        } while (id == 0);
        this.nodeId = id;
        this.names = new ChannelNames(options.prefix(), options.mode() == RedisBrokerOptions.Mode.SHARDED,
                options.shardedPartitions());
        this.channels = new ChannelTable(names, nodeId, idle.toNanos());
        this.transport = transports.apply(new Events());
        this.subscriptions = new Subscriptions(nodeId(), channels, transport, counters, options.maxReconnectDelay());
        this.sio = new SioRedisBus(transport, options.socketIoKey(), options.requestTimeout(), counters);
        if (supportsSocketIo()) {
            try {
                sio.connect();
            } catch (RuntimeException e) {
                transport.close();
                throw e;
            }
        }
        long sweepMillis = Math.max(10, Math.min(idle.toMillis() / 2, TimeUnit.MINUTES.toMillis(1)));
        this.sweeper = transport.resources.eventExecutorGroup()
                .scheduleWithFixedDelay(channels::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        log.info("Redis broker {} connected to {} ({})", nodeId(), RedisBrokerOptions.redact(options.uri()),
                options.mode());
    }

    /**
     * Connects to Redis as {@code options} say.
     *
     * @throws BrokerException if Redis cannot be reached within the command timeout
     */
    public static RedisBroker create(RedisBrokerOptions options) {
        return create(options, Duration.ofMinutes(DEFAULT_IDLE_MINUTES));
    }

    /** For tests: forgets idle publishing streams after {@code idle}. */
    static RedisBroker create(RedisBrokerOptions options, Duration idle) {
        return new RedisBroker(options, idle, events -> options.mode() == RedisBrokerOptions.Mode.STANDALONE
                ? new StandaloneTransport(options, events) : new ClusterTransport(options, events));
    }

    public RedisBrokerOptions options() {
        return options;
    }

    /** This broker's random id, as it appears in epochs: 16 hex digits. */
    public String nodeId() {
        return Envelope.hex(nodeId);
    }

    /** Current counters. */
    public RedisBrokerStats stats() {
        return counters.snapshot(channels.subscribedCount());
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public void start(BrokerSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (this.sink != null) {
            throw new IllegalStateException("broker already started");
        }
        this.sink = sink;
    }

    private BrokerException unusable() {
        return new BrokerException("redis broker is " + (closed.get() ? "closed" : "not started"));
    }

    @Override
    public CompletableFuture<Void> publish(String channel, Payload data) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(data, "data");
        BrokerSink target = sink;
        if (target == null || closed.get()) {
            return CompletableFuture.failedFuture(unusable());
        }
        byte[] body = Envelope.body(data);
        CompletableFuture<Void> sent = null;
        while (sent == null) {
            ChannelState state = channels.getOrCreate(channel);
            state.lock.lock();
            try {
                if (state.retired) {
                    continue;
                }
                long offset = state.nextOffset++;
                state.lastUsedNanos = System.nanoTime();
                sent = transport.publish(state.redisName,
                        Envelope.encode(nodeId, state.stream, offset, data.isNone(), body));
                if (state.subscribed != null) {
                    counters.localDeliveries.increment();
                    deliver(target, new Publication(channel, data, new StreamPosition(offset, state.epoch())));
                }
            } finally {
                state.lock.unlock();
            }
        }
        return sent.whenComplete((v, error) -> {
            if (error == null) {
                counters.published.increment();
            } else {
                counters.publishFailed(channel, error);
            }
        });
    }

    @Override
    public CompletableFuture<Void> subscribe(String channel) {
        Objects.requireNonNull(channel, "channel");
        if (sink == null || closed.get()) {
            return CompletableFuture.failedFuture(unusable());
        }
        return subscriptions.subscribe(channel);
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String channel) {
        Objects.requireNonNull(channel, "channel");
        return closed.get() ? CompletableFuture.completedFuture(null) : subscriptions.unsubscribe(channel);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sweeper.cancel(false);
        subscriptions.close();
        sio.close();
        transport.close();
        log.info("Redis broker {} closed", nodeId());
    }

    /** True in mode {@link RedisBrokerOptions.Mode#STANDALONE}: there Socket.IO speaks socket.io's Redis adapter format. */
    @Override
    public boolean supportsSocketIo() {
        return options.mode() == RedisBrokerOptions.Mode.STANDALONE;
    }

    /**
     * Carries a Socket.IO namespace's traffic in socket.io's Redis adapter format (see {@link
     * RedisBrokerOptions#socketIoKey()}); the server calls this for each namespace. The first call opens
     * one more pub/sub connection, blocking until it is connected.
     */
    @Override
    public SioClusterLink open(String namespace, SioClusterListener listener) {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(listener, "listener");
        if (!supportsSocketIo()) {
            throw new BrokerException("redis: Socket.IO adapter channels need mode STANDALONE, not " + options.mode());
        }
        if (closed.get()) {
            throw unusable();
        }
        return sio.open(namespace, listener);
    }

    private void deliver(BrokerSink target, Publication publication) {
        try {
            target.deliver(publication);
        } catch (RuntimeException e) {
            log.warn("The sink failed on a publication to channel {}", publication.channel(), e);
        }
    }

    /** A message from Redis: dropped if it is this node's own echo or for a channel not wanted here. */
    private void received(String redisChannel, byte[] message) {
        BrokerSink target = sink;
        if (target == null || closed.get() || Envelope.origin(message) == nodeId) {
            return;
        }
        String channel = names.channel(redisChannel);
        ChannelState state = channel == null ? null : channels.get(channel);
        if (state == null || state.subscribed == null) {
            return;
        }
        Envelope envelope;
        try {
            envelope = Envelope.decode(message);
        } catch (IllegalArgumentException e) {
            counters.malformed(redisChannel, e.getMessage());
            return;
        }
        state.lock.lock();
        try {
            if (state.retired || state.subscribed == null) {
                return;
            }
            StreamPosition position = new StreamPosition(envelope.offset(),
                    state.epochOf(envelope.origin(), envelope.stream()));
            counters.remoteDeliveries.increment();
            deliver(target, new Publication(channel, envelope.data(), position));
        } finally {
            state.lock.unlock();
        }
    }

    /** Receives from the transport, on Lettuce's I/O threads. */
    private final class Events implements LettuceTransport.Events {
        @Override
        public void message(String redisChannel, byte[] message) {
            received(redisChannel, message);
        }

        @Override
        public void unsubscribedByServer(String redisChannel) {
            String channel = names.channel(redisChannel);
            ChannelState state = channel == null ? null : channels.get(channel);
            if (state != null && state.subscribed != null) {
                log.warn("Redis ended the subscription to {} (slot moved?); resubscribing", redisChannel);
                resyncLater(options.maxReconnectDelay().toMillis());
            }
        }

        @Override
        public void reconnected() {
            resyncLater(0);
        }

        /** The transport may call before the constructor finished: then there is nothing to restore yet. */
        private void resyncLater(long delayMillis) {
            Subscriptions s = subscriptions;
            if (s != null) {
                s.resyncLater(delayMillis);
            }
        }
    }
}
