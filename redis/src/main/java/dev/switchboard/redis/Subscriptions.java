package dev.switchboard.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Redis' subscriptions in line with the channels this node wants. One lock orders every change of
 * the wanted set with the command it sends, so commands for a channel reach the (single, ordered)
 * pub/sub connection in the order the node asked for them, and a resync never interleaves with them.
 *
 * <p>A channel is wanted from {@link #subscribe} until {@link #unsubscribe}, even if its subscribe
 * failed: after every reconnect of a pub/sub connection, {@link #resync} subscribes each wanted channel
 * again (one channel per command, so no multi-slot command can be refused in a cluster, and so each
 * command is confirmed by exactly one reply) and unsubscribes what Lettuce restored that is no longer
 * wanted. A resync that fails is retried after the reconnect delay until one succeeds.
 */
final class Subscriptions {
    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);

    private final String nodeId;
    private final ChannelTable channels;
    private final LettuceTransport transport;
    private final BrokerCounters counters;
    private final long retryMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean resyncPending = new AtomicBoolean();
    private volatile boolean failing;
    private volatile boolean closed;

    Subscriptions(String nodeId, ChannelTable channels, LettuceTransport transport, BrokerCounters counters,
            Duration retry) {
        this.nodeId = nodeId;
        this.channels = channels;
        this.transport = transport;
        this.counters = counters;
        this.retryMillis = retry.toMillis();
    }

    /** Wants {@code channel}; the future completes when Redis confirmed. Idempotent; retries a failed one. */
    CompletableFuture<Void> subscribe(String channel) {
        lock.lock();
        try {
            while (true) {
                ChannelState state = channels.getOrCreate(channel);
                state.lock.lock();
                try {
                    if (state.retired) {
                        continue;
                    }
                    CompletableFuture<Void> current = state.subscribed;
                    if (current == null || current.isCompletedExceptionally()) {
                        current = transport.subscribe(state.redisName);
                        state.subscribed = current;
                    }
                    return current.copy();
                } finally {
                    state.lock.unlock();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops wanting {@code channel}: nothing more is delivered from now on. The future completes when
     * Redis confirmed, or at once if it cannot be told: then the subscription died with the connection,
     * and the resync after the reconnect drops whatever Lettuce restores.
     */
    CompletableFuture<Void> unsubscribe(String channel) {
        lock.lock();
        try {
            ChannelState state = channels.get(channel);
            if (state == null) {
                return CompletableFuture.completedFuture(null);
            }
            state.lock.lock();
            try {
                if (state.retired || state.subscribed == null) {
                    return CompletableFuture.completedFuture(null);
                }
                state.subscribed = null;
                state.lastUsedNanos = System.nanoTime();
            } finally {
                state.lock.unlock();
            }
            return transport.unsubscribe(state.redisName).exceptionally(e -> null);
        } finally {
            lock.unlock();
        }
    }

    /** Schedules a {@link #resync} (at most one pending at a time) on Lettuce's event executors. */
    void resyncLater(long delayMillis) {
        if (!closed && resyncPending.compareAndSet(false, true)) {
            transport.resources.eventExecutorGroup().schedule(this::resync, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    void close() {
        closed = true;
    }

    private void resync() {
        resyncPending.set(false);
        if (closed) {
            return;
        }
        lock.lock();
        try {
            Set<String> wanted = new HashSet<>();
            for (ChannelState state : channels.all()) {
                if (state.subscribed != null) {
                    wanted.add(state.redisName);
                }
            }
            for (String stale : transport.confirmed()) {
                if (!wanted.contains(stale)) {
                    transport.unsubscribe(stale);
                }
            }
            List<CompletableFuture<Void>> confirmations = new ArrayList<>();
            for (ChannelState state : channels.all()) {
                state.lock.lock();
                try {
                    CompletableFuture<Void> previous = state.subscribed;
                    if (previous == null || state.retired) {
                        continue;
                    }
                    CompletableFuture<Void> confirmed = transport.subscribe(state.redisName);
                    confirmations.add(confirmed);
                    if (previous.isCompletedExceptionally()) {
                        state.subscribed = confirmed; // so a later subscribe() sees the channel as subscribed
                    }
                } finally {
                    state.lock.unlock();
                }
            }
            counters.resyncs.increment();
            CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
                if (e == null) {
                    failing = false;
                    log.info("Redis broker {} resubscribed {} channel(s)", nodeId, confirmations.size());
                } else {
                    if (!failing) { // once per failing streak, not once per retry
                        log.warn("Redis broker {}: resubscribing failed, retrying every {} ms: {}", nodeId,
                                retryMillis, e.getMessage());
                    }
                    failing = true;
                    resyncLater(retryMillis);
                }
            });
        } finally {
            lock.unlock();
        }
    }
}
