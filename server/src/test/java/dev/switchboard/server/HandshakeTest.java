package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.RemoteException;
import dev.switchboard.core.stream.StreamConsumer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The WebSocket upgrade and SocketCluster's {@code #handshake} (spec §1.1–1.3). */
class HandshakeTest extends ServerTestSupport {

    @Test
    void upgradesOnlyAtTheExactPath() {
        start();
        assertThat(RawHttp.upgradeStatus(port(), "/socketcluster/")).isEqualTo(101);
        assertThat(RawHttp.upgradeStatus(port(), "/socketcluster/?a=1&b=two")).isEqualTo(101);
        assertThat(RawHttp.upgradeStatus(port(), "/socketcluster")).as("no trailing slash").isEqualTo(400);
        assertThat(RawHttp.upgradeStatus(port(), "/socketcluster/x")).isEqualTo(400);
        assertThat(RawHttp.upgradeStatus(port(), "/other/")).isEqualTo(400);
        assertThat(RawHttp.getStatus(port(), "/other/")).as("plain GET elsewhere").isEqualTo(404);
    }

    @Test
    void customPathIsMatchedExactly() {
        start(b -> b.path("/rt"));
        assertThat(RawHttp.upgradeStatus(port(), "/rt")).isEqualTo(101);
        assertThat(RawHttp.upgradeStatus(port(), "/rt/")).isEqualTo(400);
        assertThat(RawHttp.upgradeStatus(port(), "/socketcluster/")).isEqualTo(400);
    }

    @Test
    void originAllowlistRefusesUnlistedOrigins() {
        start(b -> b.origins(List.of("http://good.example", "trusted.example:*")));
        assertThat(RawHttp.upgradeStatus(port(), "/socketcluster/", Map.of("Origin", "http://evil.example")))
                .isEqualTo(403);
        assertThat(RawHttp.upgradeStatus(port(), "/socketcluster/", Map.of("Origin", "http://good.example")))
                .isEqualTo(101);
        assertThat(RawHttp.upgradeStatus(port(), "/socketcluster/", Map.of("Origin", "https://trusted.example:8443")))
                .isEqualTo(101);
        assertThat(RawHttp.upgradeStatus(port(), "/socketcluster/", Map.of("Origin", "https://good.example.evil.example")))
                .isEqualTo(403);
    }

    @Test
    void handshakeWsMiddlewareBlockIsHttp401() {
        start();
        server.setMiddleware(MiddlewareType.HANDSHAKE, action -> {
            if (action.type() == ActionType.HANDSHAKE_WS) {
                assertThat(action.socket()).isEmpty();
                if (action.request().queryParam("key").filter("open-sesame"::equals).isPresent()) {
                    action.allow();
                } else {
                    action.block(RemoteException.of("NoKeyError", "no key"));
                }
            } else {
                action.allow();
            }
        });
        assertThat(RawHttp.upgradeStatus(port(), "/socketcluster/")).isEqualTo(401);
        assertThat(RawHttp.upgradeStatus(port(), "/socketcluster/?key=wrong")).isEqualTo(401);
        assertThat(RawHttp.upgradeStatus(port(), "/socketcluster/?key=open-sesame")).isEqualTo(101);
    }

    @Test
    void handshakeWsMiddlewareThatDecidesNothingDenies() {
        start();
        server.setMiddleware(MiddlewareType.HANDSHAKE, action -> { });
        assertThat(RawHttp.upgradeStatus(port(), "/socketcluster/")).isEqualTo(401);
    }

    @Test
    void handshakeReplyHasTheExactShape() {
        start();
        StreamConsumer<ServerEvents.Connection> connections = events(ServerEvents.CONNECTION);
        RawSocket client = connect();
        JsonNode reply = client.handshake();

        String id = reply.at("/data/id").asString();
        assertThat(id).isNotBlank();
        assertThat(reply).isEqualTo(Wire.json(
                "{'rid':1,'data':{'id':'" + id + "','pingTimeout':30000,'isAuthenticated':false}}"));

        ServerEvents.Connection connection = connections.next();
        assertThat(connection.id()).isEqualTo(id);
        assertThat(connection.socket().id()).isEqualTo(id);
        assertThat(connection.isAuthenticated()).isFalse();
        assertThat(connection.authError()).isEmpty();
        assertThat(connection.pingTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(connection.socket().state()).isEqualTo(SocketState.OPEN);
        assertThat(server.clients()).extracting(ServerSocket::id).containsExactly(id);
        assertThat(server.pendingClients()).isEmpty();
    }

    @Test
    void handshakeReportsTheConfiguredPingTimeoutAndUniqueIds() {
        start(b -> b.pingTimeout(Duration.ofMillis(12345)));
        JsonNode a = connect().handshake();
        JsonNode b = connect().handshake();
        assertThat(a.at("/data/pingTimeout").asLong()).isEqualTo(12345);
        assertThat(a.at("/data/id").asString()).isNotEqualTo(b.at("/data/id").asString());
    }

    @Test
    void cidIsEchoedAsRidEvenIfNotOne() {
        start();
        RawSocket client = connect();
        client.send(Wire.q("{'event':'#handshake','data':{'authToken':null},'cid':4711}"));
        JsonNode reply = client.nextJson();
        assertThat(reply.get("rid").asLong()).isEqualTo(4711);
        assertThat(reply.at("/data/isAuthenticated").asBoolean()).isFalse();
    }

    @Test
    void handshakeWithoutDataIsAccepted() {
        start();
        RawSocket client = connect();
        client.send(Wire.q("{'event':'#handshake','cid':3}"));
        JsonNode reply = client.nextJson();
        assertThat(reply.get("rid").asLong()).isEqualTo(3);
        assertThat(reply.at("/data/isAuthenticated").asBoolean()).isFalse();
        assertThat(reply.get("data").has("authError")).isFalse();
    }

    @Test
    void handshakeWithoutCidClosesWith4008() {
        start();
        StreamConsumer<ServerEvents.Disconnection> aborts = events(ServerEvents.CONNECTION_ABORT);
        RawSocket client = connect();
        client.send(Wire.q("{'event':'#handshake','data':{'authToken':null}}"));
        assertThat(client.awaitClose().code()).isEqualTo(4008);
        assertThat(aborts.next().code()).isEqualTo(4008);
        assertThat(client.queued()).as("no reply to a handshake without cid").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'event':'foo','data':1}", "{'event':'#subscribe','data':{'channel':'x'},'cid':1}",
            "[{'event':'foo'}]", "hello", "{'rid':1,'data':2}"})
    void messageBeforeHandshakeClosesWith4009(String message) {
        start();
        StreamConsumer<ServerEvents.Disconnection> aborts = events(ServerEvents.CONNECTION_ABORT);
        RawSocket client = connect();
        client.send(Wire.q(message));
        RawSocket.Close close = client.awaitClose();
        assertThat(close.code()).isEqualTo(4009);
        assertThat(close.reason()).isEqualTo("Server received a message before the client handshake");
        assertThat(aborts.next().code()).isEqualTo(4009);
    }

    @Test
    void pongBeforeHandshakeClosesWith4009() {
        start();
        RawSocket client = connect();
        client.send("");
        assertThat(client.awaitClose().code()).isEqualTo(4009);
    }

    @Test
    void emptyBinaryFrameBeforeHandshakeClosesWith4009() {
        start();
        RawSocket client = connect();
        client.sendBinary(new byte[0]);
        assertThat(client.awaitClose().code()).isEqualTo(4009);
    }

    @Test
    void withoutStrictHandshakeEarlyMessagesAreNotFatal() {
        start(b -> b.strictHandshake(false));
        RawSocket client = connect();
        client.send("");
        client.send(Wire.q("{'event':'foo','data':1}"));
        JsonNode reply = client.handshake();
        assertThat(reply.at("/data/isAuthenticated").asBoolean()).isFalse();
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void noHandshakeWithinTimeoutClosesWith4005() {
        start(b -> b.handshakeTimeout(Duration.ofMillis(300)));
        StreamConsumer<ServerEvents.Disconnection> aborts = events(ServerEvents.CONNECTION_ABORT);
        RawSocket client = connect();
        RawSocket.Close close = client.awaitClose();
        assertThat(close.code()).isEqualTo(4005);
        ServerEvents.Disconnection abort = aborts.next();
        assertThat(abort.code()).isEqualTo(4005);
        assertThat(abort.socket().state()).isEqualTo(SocketState.CLOSED);
    }

    @Test
    void handshakeInTimeIsNotClosedByTheHandshakeTimer() {
        start(b -> b.handshakeTimeout(Duration.ofMillis(800)));
        serveEcho();
        StreamConsumer<ServerEvents.Disconnection> closures = events(ServerEvents.CLOSURE);
        long until = System.nanoTime() + Duration.ofMillis(1200).toNanos(); // the timer has fired by then
        RawSocket client = connectReady();
        while (System.nanoTime() < until) {
            assertEchoes(client);
        }
        assertThat(client.isClosed()).isFalse();
        assertThat(closures.backpressure()).isZero();
    }

    @Test
    void handshakeScMiddlewareBlockRepliesWithStatusCodeThenCloses4008() {
        start();
        server.setMiddleware(MiddlewareType.HANDSHAKE, action -> {
            if (action.type() == ActionType.HANDSHAKE_SC) {
                action.block(RemoteException.of("TooLazyHandshakeError", "too lazy"));
            } else {
                action.allow();
            }
        });
        StreamConsumer<ServerEvents.Disconnection> aborts = events(ServerEvents.CONNECTION_ABORT);
        RawSocket client = connect();
        client.send(Wire.q("{'event':'#handshake','data':{'authToken':null},'cid':1}"));
        Wire.assertWire(client.next(),
                "{'rid':1,'error':{'message':'too lazy','name':'TooLazyHandshakeError','statusCode':4008}}");
        RawSocket.Close close = client.awaitClose();
        assertThat(close.code()).isEqualTo(4008);
        assertThat(close.reason()).isEqualTo("TooLazyHandshakeError: too lazy");
        assertThat(aborts.next().code()).isEqualTo(4008);
        assertThat(server.clients()).isEmpty();
    }

    @Test
    void handshakeScMiddlewareMayChooseTheStatusCode() {
        start();
        server.setMiddleware(MiddlewareType.HANDSHAKE, action -> {
            if (action.type() == ActionType.HANDSHAKE_SC) {
                action.block(RemoteException.of("GoAwayError", "go away").with("statusCode", 4501));
            } else {
                action.allow();
            }
        });
        RawSocket client = connect();
        client.send(Wire.q("{'event':'#handshake','data':{},'cid':9}"));
        Wire.assertWire(client.next(), "{'rid':9,'error':{'message':'go away','name':'GoAwayError','statusCode':4501}}");
        assertThat(client.awaitClose().code()).isEqualTo(4501);
    }

    @Test
    void handshakeScMiddlewareSeesTheHandshakeAndTheSocket() throws Exception {
        start();
        var seen = new java.util.concurrent.LinkedBlockingQueue<Action>();
        server.setMiddleware(MiddlewareType.HANDSHAKE, action -> {
            seen.add(action);
            action.allow();
        });
        RawSocket client = track(RawSocket.connect(uri().resolve("?room=7"), 2, true, Map.of()));
        client.handshake();
        Action ws = seen.poll(5, java.util.concurrent.TimeUnit.SECONDS);
        Action sc = seen.poll(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(ws.type()).isEqualTo(ActionType.HANDSHAKE_WS);
        assertThat(ws.request().queryParam("room")).contains("7");
        assertThat(sc.type()).isEqualTo(ActionType.HANDSHAKE_SC);
        assertThat(sc.socket()).map(ServerSocket::id).contains(client.id());
        assertThat(sc.data().asMap()).containsEntry("authState", "unauthenticated");
    }
}
