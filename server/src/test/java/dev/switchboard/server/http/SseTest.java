package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.RemoteException;
import dev.switchboard.server.Action;
import dev.switchboard.server.ActionType;
import dev.switchboard.server.HttpApiOptions;
import dev.switchboard.server.MetricsSource;
import dev.switchboard.server.MiddlewareType;
import dev.switchboard.server.auth.AuthEngine;
import dev.switchboard.server.auth.AuthOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Server-Sent Events at /sse: the wire format, auth, middleware, limits and slow consumers. */
class SseTest extends HttpTestSupport {
    private static final String SECRET = "sse-test-secret-0123456789abcdef";
    private final AuthEngine tokens = AuthEngine.create(AuthOptions.builder().secret(SECRET).build());

    private void startWithAuth() {
        start(b -> b.auth(AuthOptions.builder().secret(SECRET).build())
                .httpApi(HttpApiOptions.builder().apiKeys(List.of(KEY)).build()));
    }

    @Test
    void eachPublicationIsANamedEventWithTheChannelOffsetAsId() {
        start();
        SseClient stream = sse("?channel=chat&channel=news");
        assertThat(stream.next()).isEqualTo(new SseClient.Retry(3000));

        publish("chat", Map.of("text", "hello"));
        publish("news", List.of(1, 2));
        publish("chat", "second");
        server.exchange().invokePublish("elsewhere", "not subscribed").join();

        assertThat(stream.nextEvent()).isEqualTo(new SseClient.Event("0", "chat", "{\"text\":\"hello\"}"));
        assertThat(stream.nextEvent()).isEqualTo(new SseClient.Event("0", "news", "[1,2]"));
        assertThat(stream.nextEvent()).isEqualTo(new SseClient.Event("1", "chat", "\"second\""));
        assertThat(stream.response().headers().firstValue("cache-control")).hasValue("no-cache, no-transform");
    }

    @Test
    void textWithLineBreaksBecomesSeveralDataLines() {
        start();
        SseClient stream = sse("?channel=raw");
        publish("raw", "a\nb");
        assertThat(stream.nextEvent().data()).isEqualTo("\"a\\nb\""); // JSON escapes it already
        server.exchange().invokePublish("raw", dev.switchboard.core.Payload.json("{\n\"k\":\r\n1}")).join();
        assertThat(stream.nextEvent().data()).isEqualTo("{\n\"k\":\n1}");
    }

    @Test
    void idleStreamsGetHeartbeatComments() {
        start(b -> b.httpApi(HttpApiOptions.builder().sseHeartbeat(Duration.ofMillis(50)).build()));
        SseClient stream = sse("?channel=quiet");
        assertThat(stream.next()).isInstanceOf(SseClient.Retry.class);
        assertThat(stream.next()).isEqualTo(new SseClient.Comment("ping"));
        assertThat(stream.next()).isEqualTo(new SseClient.Comment("ping"));
    }

    @Test
    void aBadTokenIsRejectedWith401AndAJsonBody() {
        startWithAuth();
        String forged = AuthEngine.create(AuthOptions.builder().secret("another-secret-0123456789abcdef").build())
                .sign(Map.of("sub", "mallory"));
        Map<String, Object> body = assertError(get("/sse?channel=a", "Authorization", "Bearer " + forged), 401);
        assertThat(body).containsEntry("error", "Unauthorized").containsEntry("name", "AuthTokenInvalidError");
        assertError(get("/sse?channel=a&token=not.a.jwt"), 401);
        assertError(get("/sse?channel=a", "Cookie", "switchboard_token=garbage"), 401);
    }

    @Test
    void aValidTokenIsAcceptedFromHeaderCookieOrQueryAndReachesTheMiddleware() {
        startWithAuth();
        List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            if (action.type() == ActionType.SUBSCRIBE) {
                assertThat(action.socket()).isEmpty();
                assertThat(action.request().path()).isEqualTo("/sse");
                seen.add(action.authToken().orElse(Map.of()));
            }
            action.allow();
        });
        String token = tokens.sign(Map.of("sub", "alice"));
        sse("?channel=a", "Authorization", "Bearer " + token);
        sse("?channel=a", "Cookie", "other=1; switchboard_token=" + token);
        sse("?channel=a&token=" + token);
        assertThat(seen).hasSize(3).allSatisfy(claims -> assertThat(claims).containsEntry("sub", "alice"));
    }

    @Test
    void theSubscribeMiddlewareBlocksChannelsWith403() {
        start();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            if (action.type() == ActionType.SUBSCRIBE && action.channel().orElse("").startsWith("private.")) {
                action.block(new RemoteException("ForbiddenChannelError", "No access to " + action.channel().get(),
                        Map.of()));
            } else {
                action.allow();
            }
        });
        Map<String, Object> body = assertError(get("/sse?channel=public&channel=private.x"), 403);
        assertThat(body).containsEntry("error", "Forbidden").containsEntry("name", "ForbiddenChannelError")
                .containsEntry("channel", "private.x").containsEntry("message", "No access to private.x");
        await().atMost(WAIT).until(() -> server.metrics().channels() == 0); // nothing stayed subscribed

        SseClient allowed = sse("?channel=public");
        publish("public", 1);
        assertThat(allowed.nextEvent().event()).isEqualTo("public");
    }

    @Test
    void aMiddlewareThatNeedsASocketBlocksRatherThanAllows() {
        start();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            action.socket().orElseThrow().id(); // written for sockets only
            action.allow();
        });
        assertError(get("/sse?channel=a"), 403);
    }

    @Test
    void theHandshakeMiddlewareSeesSseRequestsToo() {
        start();
        server.setMiddleware(MiddlewareType.HANDSHAKE, Action::block);
        assertError(get("/sse?channel=a"), 401);
    }

    @Test
    void publishOutMiddlewareFiltersAndRewritesPerRecipient() {
        start();
        server.setMiddleware(MiddlewareType.OUTBOUND, action -> {
            if ("drop".equals(action.data().value().orElse(null))) {
                action.block();
            } else {
                action.allow(Map.of("wrapped", action.data().value().orElse("")));
            }
        });
        SseClient stream = sse("?channel=c");
        publish("c", "drop");
        publish("c", "keep");
        assertThat(stream.nextEvent()).isEqualTo(new SseClient.Event("1", "c", "{\"wrapped\":\"keep\"}"));
    }

    @Test
    void badRequestsGetJsonErrors() {
        start(b -> b.socketChannelLimit(2).origins(List.of("https://good.example"))
                .httpApi(HttpApiOptions.builder().apiKeys(List.of(KEY)).build()));
        assertError(get("/sse"), 400);
        assertError(get("/sse?channel="), 400);
        assertError(get("/sse?channel=a&channel=b&channel=c"), 400);
        assertError(get("/sse?channel=%23sio%2Fns"), 400);
        assertError(get("/sse?channel=a%0Ab"), 400);
        assertError(post("/sse?channel=a", ""), 405);
        assertError(get("/sse?channel=a", "Origin", "https://evil.example"), 403);
        SseClient ok = sse("?channel=a", "Origin", "https://good.example");
        assertThat(ok.response().headers().firstValue("access-control-allow-origin")).hasValue("https://good.example");
    }

    @Test
    void withoutAnOriginListEveryOriginMayReadWithoutCredentials() {
        start();
        SseClient stream = sse("?channel=a", "Origin", "https://any.example");
        assertThat(stream.response().headers().firstValue("access-control-allow-origin")).hasValue("*");
        assertThat(stream.response().headers().firstValue("access-control-allow-credentials")).isEmpty();
    }

    @Test
    void socketClusterAndSseSubscribersOfOneChannelBothReceive() {
        start();
        ScClient socket = sc();
        socket.subscribe("both");
        SseClient stream = sse("?channel=both");
        publish("both", Map.of("n", 7));
        assertThat(socket.nextPublication()).isEqualTo(Map.of("channel", "both", "data", Map.of("n", 7)));
        assertThat(stream.nextEvent().data()).isEqualTo("{\"n\":7}");
    }

    @Test
    void closingTheStreamUnsubscribes() throws Exception {
        start();
        SseClient stream = sse("?channel=gone");
        assertThat(server.metrics().openConnections(MetricsSource.Transport.SSE)).isEqualTo(1);
        assertThat(server.metrics().channels()).isEqualTo(1);
        stream.close();
        await().atMost(WAIT).until(() -> server.metrics().channels() == 0
                && server.metrics().openConnections(MetricsSource.Transport.SSE) == 0);
    }

    @Test
    void disabledSseIsNotFound() {
        start(b -> b.httpApi(HttpApiOptions.builder().sse(false).build()));
        HttpResponse<String> res = get("/sse?channel=a");
        assertThat(res.statusCode()).isEqualTo(404);
    }
}
