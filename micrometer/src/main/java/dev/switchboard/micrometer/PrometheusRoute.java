package dev.switchboard.micrometer;

import dev.switchboard.server.HttpApiResponse;
import dev.switchboard.server.HttpApiRoute;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import java.util.Objects;

/**
 * The Prometheus scrape endpoint as a server route:
 * {@code server.route("/metrics", PrometheusRoute.of(registry))}. Answers GET with the registry in the
 * Prometheus text format 0.0.4, anything else with 405. Runs on the route's virtual thread.
 */
public final class PrometheusRoute implements HttpApiRoute {
    /** The text exposition format's content type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    private PrometheusRoute(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public static PrometheusRoute of(PrometheusMeterRegistry registry) {
        return new PrometheusRoute(registry);
    }

    @Override
    public HttpApiResponse handle(FullHttpRequest request) {
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            return new HttpApiResponse(405, "application/json; charset=utf-8",
                    "{\"error\":\"Method Not Allowed\",\"message\":\"Metrics are read with GET\"}"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of("Allow", "GET, HEAD"));
        }
        return HttpApiResponse.text(200, CONTENT_TYPE, registry.scrape());
    }
}
