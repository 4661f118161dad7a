package dev.switchboard.micrometer;

import dev.switchboard.server.MetricsListener;
import dev.switchboard.server.MetricsSource;
import dev.switchboard.server.SwitchboardServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Binds a Switchboard server's {@link MetricsSource} to Micrometer. Meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@code switchboard.connections} gauge, tag {@code transport} = {@code socketcluster},
 *       {@code socket_io}, {@code sse} [{@code switchboard_connections}]</li>
 *   <li>{@code switchboard.connections.accepted} counter of TCP connections
 *       [{@code switchboard_connections_accepted_total}]</li>
 *   <li>{@code switchboard.channels} gauge of channels with local subscribers</li>
 *   <li>{@code switchboard.messages} counter, tag {@code direction} = {@code in}, {@code out}
 *       [{@code switchboard_messages_total}]</li>
 *   <li>{@code switchboard.publishes} counter, tag {@code result} = {@code accepted}, {@code failed};
 *       {@code switchboard.publishes.in.flight} gauge</li>
 *   <li>{@code switchboard.broker.publish} timer, tag {@code result}: the broker's answer time, with
 *       histogram buckets from 0.1 ms to 1 s [{@code switchboard_broker_publish_seconds}]</li>
 *   <li>{@code switchboard.errors} counter, tag {@code level} = {@code error}, {@code warning}</li>
 *   <li>{@code switchboard.slow.consumer.disconnects} counter</li>
 * </ul>
 * Counters and gauges read the server's live counters on each scrape and cost nothing in between; the
 * timer is fed by a {@link MetricsListener} registered on the first {@link #bindTo} and removed by
 * {@link #close()}. Thread-safe. Bind once per registry; {@link #close()} when the server closes.
 */
public final class SwitchboardMetrics implements MeterBinder, AutoCloseable {
    /** Histogram buckets of the publish timer: enough for an SLO, few enough to scrape cheaply. */
    private static final Duration[] BUCKETS = Stream.of(100_000L, 500_000L, 1_000_000L, 2_500_000L, 5_000_000L,
            10_000_000L, 25_000_000L, 50_000_000L, 100_000_000L, 250_000_000L, 1_000_000_000L)
            .map(Duration::ofNanos).toArray(Duration[]::new);

    private final MetricsSource source;
    private final Tags tags;
    private final CopyOnWriteArrayList<MetricsListener> listeners = new CopyOnWriteArrayList<>();

    public SwitchboardMetrics(SwitchboardServer server) {
        this(server, Tags.empty());
    }

    /** With {@code tags} added to every meter (such as the node's name). */
    public SwitchboardMetrics(SwitchboardServer server, Iterable<Tag> tags) {
        this.source = Objects.requireNonNull(server, "server").metrics();
        this.tags = Tags.of(tags);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (MetricsSource.Transport transport : MetricsSource.Transport.values()) {
            Gauge.builder("switchboard.connections", source, s -> s.openConnections(transport))
                    .tags(tags).tag("transport", transport.name().toLowerCase(Locale.ROOT))
                    .description("Client connections open now").register(registry);
        }
        counter(registry, "switchboard.connections.accepted", "TCP connections accepted", MetricsSource::acceptedConnections, Tags.empty());
        Gauge.builder("switchboard.channels", source, MetricsSource::channels).tags(tags)
                .description("Channels with at least one subscriber on this node").register(registry);
        counter(registry, "switchboard.messages", "Messages received from clients", MetricsSource::messagesIn, Tags.of("direction", "in"));
        counter(registry, "switchboard.messages", "Messages sent to clients", MetricsSource::messagesOut, Tags.of("direction", "out"));
        counter(registry, "switchboard.publishes", "Publications the broker accepted", MetricsSource::publishes, Tags.of("result", "accepted"));
        counter(registry, "switchboard.publishes", "Publications the broker failed", MetricsSource::publishFailures, Tags.of("result", "failed"));
        Gauge.builder("switchboard.publishes.in.flight", source, MetricsSource::publishesInFlight).tags(tags)
                .description("Publications waiting for the broker's answer").register(registry);
        counter(registry, "switchboard.errors", "Errors reported by the server", MetricsSource::errors, Tags.of("level", "error"));
        counter(registry, "switchboard.errors", "Warnings reported by the server", MetricsSource::warnings, Tags.of("level", "warning"));
        counter(registry, "switchboard.slow.consumer.disconnects", "Connections cut for reading too slowly",
                MetricsSource::slowConsumerDisconnects, Tags.empty());
        Timer accepted = timer(registry, "accepted");
        Timer failed = timer(registry, "failed");
        MetricsListener listener = (nanos, ok) -> (ok ? accepted : failed).record(nanos, TimeUnit.NANOSECONDS);
        listeners.add(listener);
        source.addListener(listener);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<MetricsSource> f,
            Tags extra) {
        FunctionCounter.builder(name, source, f).tags(tags).tags(extra).description(description).register(registry);
    }

    private Timer timer(MeterRegistry registry, String result) {
        return Timer.builder("switchboard.broker.publish").tags(tags).tag("result", result)
                .description("Time the broker took to accept or refuse a publication")
                .serviceLevelObjectives(BUCKETS).register(registry);
    }

    /** Stops feeding the publish timers; the other meters keep reading the (closed) server. */
    @Override
    public void close() {
        for (MetricsListener listener : listeners) {
            source.removeListener(listener);
        }
        listeners.clear();
    }
}
