package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.spi.Broker;
import dev.switchboard.core.spi.BrokerException;
import dev.switchboard.server.HttpApiOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The publish API: keys, validation, error bodies and delivery to every protocol. */
class HttpApiTest extends HttpTestSupport {
    private static final String PUBLISH = HttpApiOptions.PUBLISH_PATH;
    private static final String BROADCAST = HttpApiOptions.BROADCAST_PATH;

    @Test
    void aGoodKeyPublishesToSubscribersOfEveryProtocol() {
        start();
        ScClient socket = sc();
        socket.subscribe("news");
        SseClient stream = sse("?channel=news");

        HttpResponse<String> res = post(PUBLISH, "{\"channel\":\"news\",\"data\":{\"title\":\"t\"}}", "X-Api-Key", KEY);
        assertThat(res.statusCode()).isEqualTo(202);
        assertThat(json(res.body())).isEqualTo(Map.of("ok", true));
        res = post(PUBLISH, "{\"channel\":\"news\",\"data\":2}", "Authorization", "Bearer " + KEY);
        assertThat(res.statusCode()).isEqualTo(202);

        assertThat(socket.nextPublication()).isEqualTo(Map.of("channel", "news", "data", Map.of("title", "t")));
        assertThat(socket.nextPublication()).isEqualTo(Map.of("channel", "news", "data", 2));
        assertThat(stream.nextEvent().data()).isEqualTo("{\"title\":\"t\"}");
        assertThat(stream.nextEvent().data()).isEqualTo("2");
    }

    @Test
    void aMissingOrWrongKeyIs401() {
        start();
        Map<String, Object> body = assertError(post(PUBLISH, "{\"channel\":\"a\"}"), 401);
        assertThat(body).containsEntry("error", "Unauthorized");
        HttpResponse<String> wrong = post(PUBLISH, "{\"channel\":\"a\"}", "X-Api-Key", KEY + "x");
        assertError(wrong, 401);
        assertThat(wrong.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertError(post(PUBLISH, "{\"channel\":\"a\"}", "Authorization", "Basic " + KEY), 401);
        assertError(post(BROADCAST, "{\"event\":\"e\"}", "Authorization", "Bearer nope"), 401);
    }

    @Test
    void malformedJsonAndWrongTypesAre400() {
        start();
        assertThat(assertError(post(PUBLISH, "{\"channel\":", "X-Api-Key", KEY), 400).get("message"))
                .asString().startsWith("The body is not valid JSON");
        assertError(post(PUBLISH, "[1,2]", "X-Api-Key", KEY), 400);
        assertError(post(PUBLISH, "", "X-Api-Key", KEY), 400);
        assertError(post(PUBLISH, "{\"channel\":5}", "X-Api-Key", KEY), 400);
        assertError(post(PUBLISH, "{\"channel\":\"\"}", "X-Api-Key", KEY), 400);
        assertError(post(PUBLISH, "{\"channel\":\"#sio/\"}", "X-Api-Key", KEY), 400);
        assertError(post(BROADCAST, "{\"event\":3}", "X-Api-Key", KEY), 400);
        assertError(post(BROADCAST, "{\"event\":\"e\",\"namespace\":\"chat\"}", "X-Api-Key", KEY), 400);
        assertError(post(BROADCAST, "{\"event\":\"e\",\"room\":[1]}", "X-Api-Key", KEY), 400);
        assertError(post(BROADCAST, "{\"event\":\"connect\"}", "X-Api-Key", KEY), 400); // reserved by Socket.IO
    }

    @Test
    void onlyPostIsAllowed() {
        start();
        HttpResponse<String> res = get(PUBLISH, "X-Api-Key", KEY);
        assertError(res, 405);
        assertThat(res.headers().firstValue("allow")).hasValue("POST");
        assertError(send(HttpRequest.newBuilder(uri(BROADCAST)).PUT(HttpRequest.BodyPublishers.ofString("{}")),
                "X-Api-Key", KEY), 405);
    }

    @Test
    void bodiesOverTheLimitAre413() {
        start(b -> b.httpApi(HttpApiOptions.builder().apiKeys(List.of(KEY)).maxBodyBytes(100).build()));
        String big = "{\"channel\":\"a\",\"data\":\"" + "x".repeat(200) + "\"}";
        assertError(post(PUBLISH, big, "X-Api-Key", KEY), 413);
        // beyond what the server aggregates at all: Netty's aggregator answers, still with JSON
        String huge = "{\"channel\":\"a\",\"data\":\"" + "x".repeat(1_100_000) + "\"}";
        assertError(post(PUBLISH, huge, "X-Api-Key", KEY), 413);
    }

    @Test
    void withoutKeysTheApiDoesNotExist() {
        start(b -> b.httpApi(HttpApiOptions.defaults()));
        assertError(post(PUBLISH, "{\"channel\":\"a\"}", "X-Api-Key", KEY), 404);
        assertError(post(BROADCAST, "{\"event\":\"e\"}", "X-Api-Key", KEY), 404);
    }

    @Test
    void aBroadcastReachesSocketIoSocketsOfItsRoom() {
        start();
        server.socketIo().of("/").onConnection(socket -> socket.on("join", (args, ack) -> {
            socket.join(args.get(0).asString());
            ack.send();
        }));
        SioClient inRoom = sio();
        SioClient outside = sio();
        inRoom.send("420[\"join\",\"r1\"]");
        assertThat(inRoom.next()).isEqualTo("430[]");

        HttpResponse<String> res = post(BROADCAST, "{\"room\":\"r1\",\"event\":\"news\",\"data\":{\"a\":1}}", "X-Api-Key", KEY);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        res = post(BROADCAST, "{\"event\":\"all\"}", "X-Api-Key", KEY);
        assertThat(res.statusCode()).isEqualTo(202);

        assertThat(inRoom.next()).isEqualTo("42[\"news\",{\"a\":1}]");
        assertThat(inRoom.next()).isEqualTo("42[\"all\"]");
        assertThat(outside.next()).isEqualTo("42[\"all\"]"); // and not the room's event before it
    }

    @Test
    void aBrokerFailureIs503() {
        Broker failing = new FailingBroker();
        start(b -> b.broker(failing).httpApi(HttpApiOptions.builder().apiKeys(List.of(KEY)).build()));
        Map<String, Object> body = assertError(post(PUBLISH, "{\"channel\":\"a\",\"data\":1}", "X-Api-Key", KEY), 503);
        assertThat(body.get("message")).asString().contains("broker down");
        assertThat(server.metrics().publishFailures()).isEqualTo(1);
    }

    @Test
    void requestsOnOneConnectionAreAnsweredInOrder() {
        start();
        SseClient stream = sse("?channel=seq");
        for (int i = 0; i < 20; i++) {
            post(PUBLISH, "{\"channel\":\"seq\",\"data\":" + i + "}", "X-Api-Key", KEY); // keep-alive connection
        }
        for (int i = 0; i < 20; i++) {
            assertThat(stream.nextEvent().data()).isEqualTo(String.valueOf(i));
        }
    }

    /** A broker whose publishes fail, as when Redis is down. */
    static final class FailingBroker implements Broker {
        private final Broker delegate = Broker.inMemory();

        @Override public void start(dev.switchboard.core.spi.BrokerSink sink) { delegate.start(sink); }
        @Override public CompletableFuture<Void> subscribe(String channel) { return delegate.subscribe(channel); }
        @Override public CompletableFuture<Void> unsubscribe(String channel) { return delegate.unsubscribe(channel); }
        @Override public CompletableFuture<Void> publish(String channel, dev.switchboard.core.Payload data) {
            return CompletableFuture.failedFuture(new BrokerException("broker down"));
        }
        @Override public String name() { return "failing"; }
        @Override public void close() { delegate.close(); }
    }
}
