package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.server.HttpApiOptions;
import dev.switchboard.server.HttpApiResponse;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /healthz, /readyz and routes registered with SwitchboardServer.route. */
class HealthAndRoutesTest extends HttpTestSupport {

    @Test
    void livenessAndReadinessAreUpOnAHealthyServer() {
        start();
        HttpResponse<String> health = get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health.body())).isEqualTo(Map.of("status", "UP"));
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready.body())).isEqualTo(Map.of("status", "UP", "broker", "memory"));
        assertError(post("/healthz", ""), 405);
    }

    @Test
    void readinessIs503WhenTheBrokerFails() {
        start(b -> b.broker(new HttpApiTest.FailingBroker()));
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(json(ready.body())).containsEntry("status", "DOWN").containsEntry("broker", "failing");
        assertThat(json(ready.body()).get("reason")).asString().contains("broker down");
    }

    @Test
    void probesCanBeTurnedOff() {
        start(b -> b.httpApi(HttpApiOptions.builder().health(false).build()));
        assertThat(get("/healthz").statusCode()).isEqualTo(404);
        assertThat(get("/readyz").statusCode()).isEqualTo(404);
    }

    @Test
    void aRegisteredRouteAnswersAndMayReplaceABuiltInPath() {
        start();
        server.route("/hello", req -> HttpApiResponse.text(200, "text/plain", "hi " + req.method()));
        server.route("/healthz", req -> HttpApiResponse.json(200, Map.of("status", "CUSTOM")));
        HttpResponse<String> hello = get("/hello");
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("hi GET");
        assertThat(hello.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(json(get("/healthz").body())).isEqualTo(Map.of("status", "CUSTOM"));
        assertThat(get("/hello/more").statusCode()).isEqualTo(404); // exact paths only
    }

    @Test
    void aFailingRouteIs500WithAJsonBody() {
        start();
        server.route("/boom", req -> {
            throw new IllegalStateException("boom");
        });
        assertError(get("/boom"), 500);
        assertThat(server.metrics().errors()).isEqualTo(1);
        assertThat(get("/healthz").statusCode()).isEqualTo(200); // the server lives on
    }

    @Test
    void routesMustBeAbsoluteAndNotTheSocketClusterPath() {
        start();
        assertThatThrownBy(() -> server.route("metrics", req -> null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.route("/socketcluster/", req -> null)).isInstanceOf(IllegalArgumentException.class);
    }
}
