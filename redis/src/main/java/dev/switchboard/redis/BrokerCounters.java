package dev.switchboard.redis;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's counters, and its failure logging: a failed publish is always counted, but logged at
 * most once per {@value #LOG_EVERY_SECONDS} seconds (with the number of failures since the last line),
 * so an outage under load writes a few lines rather than one per publication.
 */
final class BrokerCounters {
    static final int LOG_EVERY_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS);

    final LongAdder published = new LongAdder();
    final LongAdder publishFailures = new LongAdder();
    final LongAdder localDeliveries = new LongAdder();
    final LongAdder remoteDeliveries = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder resyncs = new LongAdder();
    private final LongAdder unloggedFailures = new LongAdder();
    private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private final AtomicLong lastMalformedLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    void publishFailed(String channel, Throwable error) {
        publishFailures.increment();
        unloggedFailures.increment();
        long last = lastFailureLog.get();
        long now = System.nanoTime();
        if (now - last >= LOG_EVERY_NANOS && lastFailureLog.compareAndSet(last, now)) {
            log.warn("{} publish(es) to Redis failed since the last report, latest on channel {}: {}",
                    unloggedFailures.sumThenReset(), channel, error.getMessage());
        }
    }

    void malformed(String redisChannel, String why) {
        malformed.increment();
        long last = lastMalformedLog.get();
        long now = System.nanoTime();
        if (now - last >= LOG_EVERY_NANOS && lastMalformedLog.compareAndSet(last, now)) {
            log.warn("Dropped an unreadable message on Redis channel {}: {}", redisChannel, why);
        }
    }

    RedisBrokerStats snapshot(int subscribedChannels) {
        return new RedisBrokerStats(published.sum(), publishFailures.sum(), localDeliveries.sum(),
                remoteDeliveries.sum(), malformed.sum(), resyncs.sum(), subscribedChannels);
    }
}
