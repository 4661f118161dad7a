package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.spi.BrokerSink;
import dev.switchboard.core.spi.Publication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink that records every publication, and checks the sink contract on the way: never two calls at
 * once for one channel. Every wait is bounded.
 */
final class Recorder implements BrokerSink {
    private final LinkedBlockingQueue<Publication> queue = new LinkedBlockingQueue<>();
    private final List<Publication> all = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger overlaps = new AtomicInteger();

    @Override
    public void deliver(Publication publication) {
        AtomicInteger busy = inFlight.computeIfAbsent(publication.channel(), c -> new AtomicInteger());
        if (busy.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        all.add(publication);
        queue.add(publication);
        busy.decrementAndGet();
    }

    /** The next publication; fails after {@code wait}. */
    Publication next(Duration wait) {
        try {
            Publication p = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(p).as("a publication within %s", wait).isNotNull();
            return p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Publication next() {
        return next(Duration.ofSeconds(5));
    }

    /** Asserts nothing more arrives within {@code quiet}. */
    void assertQuiet(Duration quiet) {
        try {
            Publication p = queue.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(p).as("no further publication").isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    List<Publication> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    List<Publication> all(String channel) {
        return all().stream().filter(p -> p.channel().equals(channel)).toList();
    }

    int size() {
        return all.size();
    }

    void assertNoOverlap() {
        assertThat(overlaps.get()).as("concurrent sink calls for one channel").isZero();
    }
}
