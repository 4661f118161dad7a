package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.internal.Json;
import dev.switchboard.server.HttpApiOptions;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SwitchboardServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Starts servers on 127.0.0.1 with an ephemeral port and talks plain HTTP to them with the JDK client,
 * through the public API only (this package is outside the server's). Everything opened through it
 * is closed after each test.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
abstract class HttpTestSupport {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final String KEY = "test-api-key-0123456789";

    private final List<AutoCloseable> resources = Collections.synchronizedList(new ArrayList<>());
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
    SwitchboardServer server;

    SwitchboardServer start() {
        return start(b -> b);
    }

    /** A server with the publish API on (key {@link #KEY}) unless {@code config} says otherwise. */
    SwitchboardServer start(UnaryOperator<ServerOptions.Builder> config) {
        ServerOptions.Builder builder = ServerOptions.builder().host("127.0.0.1").port(0)
                .httpApi(HttpApiOptions.builder().apiKeys(List.of(KEY)).build());
        server = track(SwitchboardServer.create(config.apply(builder).build()).start());
        return server;
    }

    <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    URI wsUri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery);
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Publishes through the API with the right key and expects 202. */
    void publish(String channel, Object data) {
        HttpResponse<String> res = post(HttpApiOptions.PUBLISH_PATH,
                Json.encode(Map.of("channel", channel, "data", data)), "X-Api-Key", KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        assertThat(json(res.body())).isEqualTo(Map.of("ok", true));
    }

    SseClient sse(String query, String... headers) {
        return track(SseClient.open(http, uri(HttpApiOptions.SSE_PATH + query), headers));
    }

    ScClient sc() {
        return track(ScClient.connect(http, wsUri(server.options().path())));
    }

    SioClient sio() {
        server.socketIo().of("/"); // the main namespace exists once used
        return track(SioClient.connect(http, wsUri(server.options().socketIo().path() + "?EIO=4&transport=websocket")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String body) {
        return (Map<String, Object>) Json.decode(body);
    }

    /** Asserts a JSON error answer: status, {@code error} reason phrase and a non-empty message. */
    static Map<String, Object> assertError(HttpResponse<String> res, int status) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        Map<String, Object> body = json(res.body());
        assertThat(body.get("message")).asString().isNotBlank();
        assertThat(body).containsKey("error");
        return body;
    }

    @AfterEach
    void closeAll() {
        List<AutoCloseable> copy;
        synchronized (resources) {
            copy = new ArrayList<>(resources);
            resources.clear();
        }
        Collections.reverse(copy);
        for (AutoCloseable resource : copy) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        http.shutdownNow(); // close() would wait for streams the test left open
    }
}
