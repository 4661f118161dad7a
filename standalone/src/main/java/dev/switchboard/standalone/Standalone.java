package dev.switchboard.standalone;

import dev.switchboard.micrometer.PrometheusRoute;
import dev.switchboard.micrometer.SwitchboardMetrics;
import dev.switchboard.server.SwitchboardServer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running standalone server: the Switchboard server, its metrics (Prometheus at {@code /metrics},
 * with JVM and process meters) and optionally the demo app. Created by {@link #start}; ended by
 * {@link #shutdown(Duration)} (graceful, for SIGTERM) or {@link #close()} (at once). Thread-safe.
 */
final class Standalone implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Standalone.class);

    private final SwitchboardServer server;
    private final Optional<SwitchboardMetrics> metrics;
    private final Optional<JvmGcMetrics> gc;
    private final Optional<AutoCloseable> demo;

    private Standalone(SwitchboardServer server, Optional<SwitchboardMetrics> metrics, Optional<JvmGcMetrics> gc,
            Optional<AutoCloseable> demo) {
        this.server = server;
        this.metrics = metrics;
        this.gc = gc;
        this.demo = demo;
    }

    /** Starts a server with {@code settings}; throws if the port cannot be bound. */
    static Standalone start(Settings settings) {
        SwitchboardServer server = SwitchboardServer.create(settings.options());
        Optional<SwitchboardMetrics> metrics = Optional.empty();
        Optional<JvmGcMetrics> gc = Optional.empty();
        if (settings.metrics()) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            SwitchboardMetrics binder = new SwitchboardMetrics(server);
            binder.bindTo(registry);
            JvmGcMetrics gcMetrics = new JvmGcMetrics();
            gcMetrics.bindTo(registry);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            server.route("/metrics", PrometheusRoute.of(registry));
            metrics = Optional.of(binder);
            gc = Optional.of(gcMetrics);
        }
        server.start();
        Optional<AutoCloseable> demo = settings.demo() ? Optional.of(DemoApp.install(server)) : Optional.empty();
        return new Standalone(server, metrics, gc, demo);
    }

    SwitchboardServer server() {
        return server;
    }

    int port() {
        return server.port();
    }

    /** Drains within {@code deadline} (see {@link SwitchboardServer#shutdown(Duration)}), then releases all. */
    void shutdown(Duration deadline) {
        try {
            server.shutdown(deadline);
        } finally {
            release();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            release();
        }
    }

    private void release() {
        demo.ifPresent(d -> {
            try {
                d.close();
            } catch (Exception e) {
                LOG.warn("the demo app failed to stop", e);
            }
        });
        metrics.ifPresent(SwitchboardMetrics::close);
        gc.ifPresent(JvmGcMetrics::close);
        LOG.debug("standalone server released");
    }
}
