package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.spi.Broker;
import dev.switchboard.core.spi.BrokerSink;
import dev.switchboard.core.spi.Publication;
import dev.switchboard.protocol.sc.ScCodec;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * This node's index of channel subscribers, in front of the broker. The broker is subscribed to a
 * channel while the channel has at least one local subscriber; broker calls for one channel are chained
 * so they happen in order. Each delivered publication is encoded once and shared by every recipient.
 */
final class ChannelHub implements BrokerSink {

    /** A local recipient of publications: a socket, a server-side exchange channel, a Socket.IO namespace. */
    interface Subscriber {
        /** {@code frames} hands out the publication's SocketCluster frame, encoded on first use only. */
        void deliver(Publication publication, Frames frames);

        /**
         * The WebSocket channel that takes the SocketCluster frame of every publication as it is, when
         * no outbound middleware is installed; empty when each delivery must go through {@link #deliver}.
         * The hub keeps the answer until {@link ChannelHub#refresh} is called for this subscriber.
         */
        default Optional<WireOut> directOut() {
            return Optional.empty();
        }
    }

    /** The encoded forms of one publication, made at most once per delivery and shared. */
    static final class Frames {
        private final Publication publication;
        private SharedFrame scPublish;
        private io.netty.buffer.ByteBuf sseEvent;
        private final Fanout fanout;

        /** {@code recipients}: how many subscribers will probably take the frame. */
        Frames(Publication publication, int recipients) {
            this.publication = publication;
            this.fanout = new Fanout(recipients);
        }

        SharedFrame scPublish() {
            if (scPublish == null) {
                scPublish = new SharedFrame(ScCodec.publish(publication.channel(), publication.data()));
            }
            return scPublish;
        }

        /** The publication as one Server-Sent Events event; recipients write retained duplicates. */
        io.netty.buffer.ByteBuf sseEvent() {
            if (sseEvent == null) {
                sseEvent = SseEvents.publication(publication);
            }
            return sseEvent;
        }

        /** Queues the SocketCluster frame for {@code channel}; written per event loop at the end. */
        void fanoutScPublish(WireOut out) {
            scPublish();
            fanout.add(out);
        }

        /** Queues the SocketCluster frame for every direct recipient of {@code recipients}. */
        void fanoutScPublish(Recipients<Subscriber> recipients) {
            scPublish();
            recipients.addDirectTo(fanout);
        }

        void release() {
            if (sseEvent != null) {
                sseEvent.release();
            }
            if (scPublish != null) {
                if (!fanout.isEmpty()) {
                    fanout.send(scPublish);
                }
                scPublish.release();
            }
        }
    }

    private static final class Entry {
        // In subscription order, which is roughly the order the sockets and their kernel state were
        // allocated in. Walked in identity-hash order, a fan-out to 19k subscribers ran at 0.78x the
        // Socket.IO endpoint's rate per CPU-second; in this order at 1.02x. Guarded by the hub's lock.
        final Set<Subscriber> subscribers = new LinkedHashSet<>();
        volatile int size; // subscribers.size(), for readers without the lock
        // The subscribers prepared for delivery (arrays: walking one beats walking hash nodes at 10k
        // subscribers). Dropped under the lock on every change and rebuilt under it on the next delivery.
        volatile Recipients<Subscriber> snapshot;
        CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
        boolean brokerSubscribed;
    }

    private final Broker broker;
    private final MetricsCounters metrics; // null: not counted
    private final BooleanSupplier directAllowed; // false while outbound middleware must see each delivery
    private final ReentrantLock lock = new ReentrantLock();
    // Mutated under the lock; read without it on the delivery path.
    private final Map<String, Entry> channels = new ConcurrentHashMap<>();

    ChannelHub(Broker broker) {
        this(broker, null, () -> true);
    }

    /**
     * With {@code metrics}, every publish is counted and timed, and graceful shutdown can wait for it.
     * {@code directAllowed} says whether subscribers' {@linkplain Subscriber#directOut direct channels}
     * may take publications without {@link Subscriber#deliver} (no outbound middleware installed).
     */
    ChannelHub(Broker broker, MetricsCounters metrics, BooleanSupplier directAllowed) {
        this.broker = broker;
        this.metrics = metrics;
        this.directAllowed = directAllowed;
        broker.start(this);
    }

    Broker broker() {
        return broker;
    }

    /** Adds {@code subscriber}; the future completes once the broker delivers the channel here. */
    CompletableFuture<Void> subscribe(String channel, Subscriber subscriber) {
        lock.lock();
        try {
            Entry entry = channels.computeIfAbsent(channel, c -> new Entry());
            if (entry.subscribers.add(subscriber)) {
                entry.size = entry.subscribers.size();
                entry.snapshot = null;
            }
            if (!entry.brokerSubscribed) {
                entry.brokerSubscribed = true;
                entry.tail = entry.tail.handle((v, e) -> null).thenCompose(v -> broker.subscribe(channel));
            }
            return entry.tail;
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code subscriber}; the broker is unsubscribed when the channel has no local subscriber left. */
    void unsubscribe(String channel, Subscriber subscriber) {
        lock.lock();
        try {
            Entry entry = channels.get(channel);
            if (entry == null || !entry.subscribers.remove(subscriber)) {
                return;
            }
            entry.size = entry.subscribers.size();
            entry.snapshot = null;
            if (!entry.subscribers.isEmpty()) {
                return;
            }
            entry.brokerSubscribed = false;
            channels.remove(channel);
            entry.tail.handle((v, e) -> null).thenCompose(v -> broker.unsubscribe(channel));
        } finally {
            lock.unlock();
        }
    }

    /** Asks {@code subscriber} again for its {@linkplain Subscriber#directOut direct channel} on {@code names}. */
    void refresh(Iterable<String> names, Subscriber subscriber) {
        lock.lock();
        try {
            for (String channel : names) {
                Entry entry = channels.get(channel);
                if (entry != null && entry.subscribers.contains(subscriber)) {
                    entry.snapshot = null;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    CompletableFuture<Void> publish(String channel, Payload data) {
        if (metrics == null) {
            return broker.publish(channel, data);
        }
        long start = metrics.publishStarted();
        CompletableFuture<Void> published;
        try {
            published = broker.publish(channel, data);
        } catch (RuntimeException e) {
            metrics.publishDone(start, e);
            throw e;
        }
        published.whenComplete((v, error) -> metrics.publishDone(start, error));
        return published;
    }

    int channelCount() {
        return channels.size();
    }

    int subscriberCount(String channel) {
        Entry entry = channels.get(channel);
        return entry == null ? 0 : entry.size;
    }

    @Override
    public void deliver(Publication publication) {
        Entry entry = channels.get(publication.channel());
        if (entry == null || entry.size == 0) {
            return;
        }
        Recipients<Subscriber> recipients = recipientsOf(entry);
        boolean direct = recipients.hasDirect() && directAllowed.getAsBoolean();
        Subscriber[] each = direct ? recipients.others() : recipients.all();
        Frames frames = new Frames(publication, each.length);
        try {
            for (Subscriber s : each) {
                s.deliver(publication, frames);
            }
            if (direct) {
                frames.fanoutScPublish(recipients);
            }
        } finally {
            frames.release();
        }
    }

    private Recipients<Subscriber> recipientsOf(Entry entry) {
        Recipients<Subscriber> recipients = entry.snapshot;
        if (recipients != null) {
            return recipients;
        }
        lock.lock();
        try {
            recipients = entry.snapshot;
            if (recipients == null) {
                recipients = Recipients.of(entry.subscribers, Subscriber[]::new, Subscriber::directOut);
                entry.snapshot = recipients;
            }
            return recipients;
        } finally {
            lock.unlock();
        }
    }
}
