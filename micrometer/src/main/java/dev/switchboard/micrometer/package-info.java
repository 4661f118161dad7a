/**
 * Micrometer metrics for a Switchboard server: {@link dev.switchboard.micrometer.SwitchboardMetrics}
 * binds the server's counters ({@link dev.switchboard.server.SwitchboardServer#metrics()}) to any
 * {@code MeterRegistry}, and {@link dev.switchboard.micrometer.PrometheusRoute} serves a Prometheus
 * registry as a server route. The server module itself does not depend on Micrometer.
 */
package dev.switchboard.micrometer;
