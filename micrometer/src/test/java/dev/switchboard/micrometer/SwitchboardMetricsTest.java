package dev.switchboard.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.StreamConsumer;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SwitchboardServer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The binder's meters, read through a Prometheus registry served by the server itself. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SwitchboardMetricsTest {
    private SwitchboardServer server;
    private PrometheusMeterRegistry registry;
    private SwitchboardMetrics metrics;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() {
        server = SwitchboardServer.create(ServerOptions.builder().host("127.0.0.1").port(0).build()).start();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics = new SwitchboardMetrics(server, Tags.of("node", "n1"));
        metrics.bindTo(registry);
        server.route("/metrics", PrometheusRoute.of(registry));
    }

    @AfterEach
    void stop() {
        metrics.close();
        server.close();
        http.shutdownNow();
    }

    @Test
    void everyMeterIsScrapedInThePrometheusTextFormat() throws Exception {
        publishOnce();
        HttpResponse<String> res = get("/metrics");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValue(PrometheusRoute.CONTENT_TYPE);
        String text = res.body();
        assertThat(value(text, "switchboard_publishes_total", "result=\"accepted\"")).isEqualTo(1.0);
        assertThat(value(text, "switchboard_publishes_total", "result=\"failed\"")).isZero();
        assertThat(value(text, "switchboard_broker_publish_seconds_count", "result=\"accepted\"")).isEqualTo(1.0);
        assertThat(value(text, "switchboard_broker_publish_seconds_bucket", "node=\"n1\",result=\"accepted\",le=\"+Inf\"")).isEqualTo(1.0);
        assertThat(value(text, "switchboard_connections", "transport=\"sse\"")).isZero();
        assertThat(value(text, "switchboard_connections", "transport=\"socketcluster\"")).isZero();
        assertThat(value(text, "switchboard_connections", "transport=\"socket_io\"")).isZero();
        assertThat(value(text, "switchboard_connections_accepted_total", "node=\"n1\"")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(text, "switchboard_channels", "node=\"n1\"")).isEqualTo(1.0);
        assertThat(value(text, "switchboard_messages_total", "direction=\"in\"")).isZero();
        assertThat(value(text, "switchboard_messages_total", "direction=\"out\"")).isZero();
        assertThat(value(text, "switchboard_errors_total", "level=\"error\"")).isZero();
        assertThat(value(text, "switchboard_errors_total", "level=\"warning\"")).isZero();
        assertThat(value(text, "switchboard_slow_consumer_disconnects_total", "node=\"n1\"")).isZero();
        assertThat(value(text, "switchboard_publishes_in_flight", "node=\"n1\"")).isZero();
    }

    @Test
    void onlyGetReadsMetrics() throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(405);
        assertThat(res.body()).contains("\"error\":\"Method Not Allowed\"");
    }

    @Test
    void closingTheBinderStopsTheTimer() throws Exception {
        publishOnce();
        metrics.close();
        publishOnce();
        String text = get("/metrics").body();
        assertThat(value(text, "switchboard_broker_publish_seconds_count", "result=\"accepted\"")).isEqualTo(1.0);
        assertThat(value(text, "switchboard_publishes_total", "result=\"accepted\"")).isEqualTo(2.0);
    }

    private void publishOnce() {
        StreamConsumer<Payload> consumer = server.exchange().subscribe("c").createConsumer(Duration.ofSeconds(5));
        server.exchange().invokePublish("c", 1).join();
        assertThat(consumer.next().asLong()).isEqualTo(1);
        consumer.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** The value of the one sample of {@code name} whose labels contain {@code labels}. */
    private static double value(String text, String name, String labels) {
        return text.lines()
                .filter(l -> l.startsWith(name + "{") && l.substring(0, l.indexOf('}')).contains(labels))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .reduce((a, b) -> {
                    throw new AssertionError("several samples of " + name + " with " + labels);
                })
                .orElseThrow(() -> new AssertionError("no sample of " + name + " with " + labels + " in\n" + text));
    }
}
