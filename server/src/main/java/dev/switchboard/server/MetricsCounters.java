package dev.switchboard.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's {@link MetricsSource}: striped counters bumped on hot paths by any thread, plus the
 * in-flight publish count that graceful shutdown waits on. Gauges read the server's live structures.
 */
final class MetricsCounters implements MetricsSource {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsCounters.class);

    private final NettyServer server;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder messagesIn = new LongAdder();
    private final LongAdder messagesOut = new LongAdder();
    private final LongAdder publishes = new LongAdder();
    private final LongAdder publishFailures = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder warnings = new LongAdder();
    private final LongAdder sseSlowConsumers = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();
    private final Object idle = new Object();
    private final List<MetricsListener> listeners = new CopyOnWriteArrayList<>();

    MetricsCounters(NettyServer server) {
        this.server = server;
    }

    @Override
    public int openConnections(Transport transport) {
        return switch (transport) {
            case SOCKETCLUSTER -> server.clients().size() + server.pendingClients().size();
            case SOCKET_IO -> server.eio().sessionCount();
            case SSE -> server.sse().streamCount();
        };
    }

    @Override public long acceptedConnections() { return accepted.sum(); }
    @Override public int channels() { return server.hub().channelCount(); }
    @Override public long messagesIn() { return messagesIn.sum(); }
    @Override public long messagesOut() { return messagesOut.sum(); }
    @Override public long publishes() { return publishes.sum(); }
    @Override public long publishFailures() { return publishFailures.sum(); }
    @Override public long publishesInFlight() { return inFlight.get(); }
    @Override public long errors() { return errors.sum(); }
    @Override public long warnings() { return warnings.sum(); }

    @Override
    public long slowConsumerDisconnects() {
        return server.stats().slowConsumerDisconnects() + sseSlowConsumers.sum();
    }

    @Override
    public void addListener(MetricsListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(MetricsListener listener) {
        listeners.remove(listener);
    }

    void accepted() { accepted.increment(); }
    void messageIn() { messagesIn.increment(); }
    void messageOut() { messagesOut.increment(); }
    void error() { errors.increment(); }
    void warning() { warnings.increment(); }
    void sseSlowConsumer() { sseSlowConsumers.increment(); }

    /** Call right before handing a publication to the broker; returns the start time for {@link #publishDone}. */
    long publishStarted() {
        inFlight.incrementAndGet();
        return System.nanoTime();
    }

    void publishDone(long startNanos, Throwable failure) {
        long nanos = System.nanoTime() - startNanos;
        if (failure == null) {
            publishes.increment();
        } else {
            publishFailures.increment();
        }
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
        for (MetricsListener listener : listeners) {
            try {
                listener.publishCompleted(nanos, failure == null);
            } catch (RuntimeException e) {
                LOG.warn("metrics listener failed", e);
            }
        }
    }

    /** Waits until no publish is in flight or {@code deadlineNanos} ({@link System#nanoTime()}) passes. */
    boolean awaitNoPublishInFlight(long deadlineNanos) throws InterruptedException {
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }
}
