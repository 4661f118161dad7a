package dev.switchboard.redis;

import dev.switchboard.core.spi.BrokerException;
import dev.switchboard.core.spi.SioClusterBroadcast;
import dev.switchboard.core.spi.SioClusterLink;
import dev.switchboard.core.spi.SioClusterListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Socket.IO side of a {@link RedisBroker}: socket.io's Redis adapter protocol ({@link SioWire}) on a
 * pub/sub connection of its own, opened with the broker (so a namespace created later never waits for a
 * connection, nor fails for want of one). Each namespace
 * pattern-subscribes its broadcast channels and subscribes its request and response channels; Lettuce
 * restores them after a reconnect. Publishing uses the broker's command connection, so its failures are
 * the broker's: immediate while disconnected, after the command timeout when Redis hangs.
 */
final class SioRedisBus {
    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final LettuceTransport transport;
    private final SioWire wire;
    private final Duration requestTimeout;
    private final BrokerCounters counters;
    private final String uid = newUid();
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentHashMap<String, Link> byPattern = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Link> byChannel = new ConcurrentHashMap<>();
    private StatefulRedisPubSubConnection<String, byte[]> pubsub;
    private volatile boolean closed;

    SioRedisBus(LettuceTransport transport, String key, Duration requestTimeout, BrokerCounters counters) {
        this.transport = transport;
        this.wire = new SioWire(key);
        this.requestTimeout = requestTimeout;
        this.counters = counters;
    }

    /** Six random letters and digits, like socket.io's {@code uid2(6)}; never {@code emitter}. */
    static String newUid() {
        char[] id = new char[6];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    String uid() {
        return uid;
    }

    /** Opens the pub/sub connection; throws {@link BrokerException} when Redis cannot be reached. */
    void connect() {
        lock.lock();
        try {
            if (pubsub == null) {
                pubsub = transport.connectExtraPubSub();
                pubsub.addListener(new Listener());
            }
        } finally {
            lock.unlock();
        }
    }

    SioClusterLink open(String namespace, SioClusterListener listener) {
        lock.lock();
        try {
            if (closed) {
                throw new BrokerException("redis broker is closed");
            }
            connect();
            Link link = new Link(namespace, listener);
            if (byPattern.putIfAbsent(link.pattern, link) != null) {
                throw new BrokerException("namespace " + namespace + " is already open on this broker");
            }
            byChannel.put(link.requestChannel, link);
            byChannel.put(link.responseChannel, link);
            byChannel.put(link.ownResponseChannel, link);
            link.ready = LettuceTransport.adapt(() -> pubsub.async().psubscribe(link.pattern), "psubscribe", link.pattern)
                    .thenCombine(LettuceTransport.adapt(() -> pubsub.async().subscribe(link.requestChannel,
                            link.responseChannel, link.ownResponseChannel), "subscribe to", link.requestChannel),
                            (a, b) -> null);
            return link;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            byPattern.clear();
            byChannel.clear();
            if (pubsub != null) {
                pubsub.closeAsync();
            }
        } finally {
            lock.unlock();
        }
    }

    private final class Listener extends RedisPubSubAdapter<String, byte[]> {
        @Override
        public void message(String pattern, String channel, byte[] message) {
            Link link = byPattern.get(pattern);
            if (link == null) {
                return;
            }
            try {
                SioWire.decodeBroadcast(message).ifPresent(received -> {
                    if (!uid.equals(received.uid()) && received.broadcast().namespace().equals(link.namespace)) {
                        link.listener.broadcast(received.broadcast());
                    }
                });
            } catch (RuntimeException e) {
                counters.malformed(channel, e.getMessage());
            }
        }

        @Override
        public void message(String channel, byte[] message) {
            Link link = byChannel.get(channel);
            if (link == null) {
                return;
            }
            try {
                var decoded = SioWire.decodeMessage(message);
                if (decoded.isEmpty()) {
                    return;
                }
                if (channel.equals(link.requestChannel)) {
                    link.listener.request(decoded.get());
                } else {
                    link.listener.response(decoded.get());
                }
            } catch (RuntimeException e) {
                counters.malformed(channel, e.getMessage());
            }
        }
    }

    /** One namespace's link. */
    private final class Link implements SioClusterLink {
        final String namespace;
        final SioClusterListener listener;
        final String pattern;
        final String requestChannel;
        final String responseChannel;
        /** Where socket.io nodes with {@code publishOnSpecificResponseChannel} answer this node. */
        final String ownResponseChannel;
        volatile CompletableFuture<Void> ready;

        Link(String namespace, SioClusterListener listener) {
            this.namespace = namespace;
            this.listener = listener;
            this.pattern = wire.broadcastPattern(namespace);
            this.requestChannel = wire.requestChannel(namespace);
            this.responseChannel = wire.responseChannel(namespace);
            this.ownResponseChannel = responseChannel + uid + "#";
        }

        @Override
        public String uid() {
            return uid;
        }

        @Override
        public Duration requestTimeout() {
            return requestTimeout;
        }

        @Override
        public CompletableFuture<Void> ready() {
            return ready.copy();
        }

        @Override
        public CompletableFuture<Void> broadcast(SioClusterBroadcast broadcast) {
            byte[] message;
            try {
                message = wire.encodeBroadcast(uid, broadcast);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(new BrokerException("cannot encode broadcast: " + e.getMessage(), e));
            }
            return publish(wire.broadcastChannel(namespace, broadcast.rooms()), message);
        }

        @Override
        public CompletableFuture<Void> request(Map<String, Object> request) {
            return publishMessage(requestChannel, request);
        }

        @Override
        public CompletableFuture<Void> respond(Map<String, Object> request, Map<String, Object> response) {
            return publishMessage(responseChannel, response);
        }

        private CompletableFuture<Void> publishMessage(String channel, Map<String, Object> message) {
            byte[] bytes;
            try {
                bytes = SioWire.encodeMessage(message);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(new BrokerException("cannot encode message: " + e.getMessage(), e));
            }
            return publish(channel, bytes);
        }

        private CompletableFuture<Void> publish(String channel, byte[] message) {
            if (closed) {
                return CompletableFuture.failedFuture(new BrokerException("redis broker is closed"));
            }
            return transport.publish(channel, message).whenComplete((v, e) -> {
                if (e == null) {
                    counters.published.increment();
                } else {
                    counters.publishFailed(channel, e);
                }
            });
        }

        @Override
        public CompletableFuture<Integer> serverCount() {
            if (closed) {
                return CompletableFuture.failedFuture(new BrokerException("redis broker is closed"));
            }
            return transport.numsub(requestChannel).thenApply(Long::intValue);
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (byPattern.remove(pattern, this)) {
                    byChannel.remove(requestChannel, this);
                    byChannel.remove(responseChannel, this);
                    byChannel.remove(ownResponseChannel, this);
                    if (!closed && pubsub != null) {
                        pubsub.async().punsubscribe(pattern);
                        pubsub.async().unsubscribe(requestChannel, responseChannel, ownResponseChannel);
                    }
                }
            } finally {
                lock.unlock();
            }
            log.debug("Socket.IO link for {} closed", namespace);
        }
    }
}
