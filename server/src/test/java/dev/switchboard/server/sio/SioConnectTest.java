package dev.switchboard.server.sio;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.switchboard.server.sio.SioTestSupport.waitAtMost;

import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SioConnectException;
import dev.switchboard.server.SioSocket;
import dev.switchboard.server.SwitchboardServer;
import dev.switchboard.server.sio.EioClient.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Socket.IO namespace connection: CONNECT, auth, errors, dynamic namespaces, middleware, limits. */
class SioConnectTest extends SioTestSupport {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void connectToTheMainNamespace(Kind kind) {
        start();
        EioClient client = open(kind);
        client.send("40");
        String reply = client.nextText();
        assertThat(reply).matches("40\\{\"sid\":\"[A-Za-z0-9_-]{20}\"}");
        String id = reply.substring(10, 30);
        assertThat(id).isNotEqualTo(client.sid);
        SioSocket socket = socket(id);
        assertThat(socket.handshake().auth().asMap()).isEmpty();
        assertThat(socket.rooms()).containsExactly(id);
        assertThat(socket.connected()).isTrue();
        assertThat(socket.namespace().name()).isEqualTo("/");
        assertThat(socket.handshake().request().queryParam("EIO")).contains("4");
        assertThat(socket.handshake().request().queryParam("transport")).contains(kind.name().toLowerCase());
        client.ids.put("/", id);
        client.assertHealthy();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void authPayloadReachesTheHandshake(Kind kind) {
        start();
        EioClient client = open(kind);
        String id = client.connect("/", "{\"token\":\"abc\",\"n\":[1,2]}");
        assertThat(socket(id).handshake().auth().asMap()).isEqualTo(Map.of("token", "abc", "n", List.of(1, 2)));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void mainNamespaceExistsWithoutAnyRegistration(Kind kind) {
        SwitchboardServer bare = track(SwitchboardServer.create(
                ServerOptions.builder().host("127.0.0.1").port(0).build()).start());
        EioClient client = track(kind.open(bare.port(), true));
        client.send("40");
        assertThat(client.nextText()).matches("40\\{\"sid\":\"[A-Za-z0-9_-]{20}\"}");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void namespaceConnectAndMultiplexing(Kind kind) {
        start();
        io.of("/admin").onConnection(s -> s.on("echo", (args, ack) -> ack.send("admin", args.get(0).value().orElse(null))));
        EioClient client = open(kind);
        client.send("40/admin,");
        String reply = client.nextText();
        assertThat(reply).matches("40/admin,\\{\"sid\":\"[A-Za-z0-9_-]{20}\"}");
        String adminId = reply.substring(17, 37);
        String mainId = client.connect("/");
        assertThat(adminId).isNotEqualTo(mainId).isNotEqualTo(client.sid);
        client.send("42/admin,5[\"echo\",1]");
        client.expectText("43/admin,5[\"admin\",1]");
        client.assertHealthy();
        // the namespace without trailing comma is accepted too
        io.of("/other");
        client.send("40/other");
        assertThat(client.nextText()).matches("40/other,\\{\"sid\":\"[A-Za-z0-9_-]{20}\"}");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void unknownNamespaceIsRefusedAndTheConnectionStays(Kind kind) {
        start();
        EioClient client = connected(kind);
        client.send("40/nope,");
        client.expectText("44/nope,{\"message\":\"Invalid namespace\"}");
        client.send("40/nope,{\"token\":1}");
        client.expectText("44/nope,{\"message\":\"Invalid namespace\"}");
        client.assertHealthy();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void dynamicNamespacesByPatternAndPredicate(Kind kind) {
        start();
        io.of(Pattern.compile("/dyn-\\d+"), nsp -> nsp.onConnection(
                s -> s.on("name", (args, ack) -> ack.send(s.namespace().name()))));
        io.of(name -> name.startsWith("/team/"), nsp -> nsp.onConnection(
                s -> s.on("name", (args, ack) -> ack.send("team:" + s.namespace().name()))));
        EioClient client = connected(kind);
        client.connect("/dyn-42");
        client.send("42/dyn-42,1[\"name\"]");
        client.expectText("43/dyn-42,1[\"/dyn-42\"]");
        client.connect("/team/blue");
        client.send("42/team/blue,2[\"name\"]");
        client.expectText("43/team/blue,2[\"team:/team/blue\"]");
        client.send("40/dyn-x,");
        client.expectText("44/dyn-x,{\"message\":\"Invalid namespace\"}");
        // the child exists now and is reused
        EioClient second = connected(kind);
        second.connect("/dyn-42");
        second.send("42/dyn-42,3[\"name\"]");
        second.expectText("43/dyn-42,3[\"/dyn-42\"]");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void middlewareRefusalWithMessageAndData(Kind kind) {
        start();
        io.of("/").use(s -> {
            if (!"good".equals(s.handshake().auth().field("token").map(p -> p.asString()).orElse(null))) {
                Map<String, Object> data = new java.util.LinkedHashMap<>();
                data.put("reason", "bad token");
                data.put("code", 42);
                throw new SioConnectException("not authorized", data);
            }
        });
        io.of("/plain").use(s -> {
            throw new SioConnectException("plain refusal");
        });
        io.of("/boom").use(s -> {
            throw new IllegalStateException("exploded");
        });
        EioClient client = open(kind);
        client.send("40{\"token\":\"bad\"}");
        client.expectText("44{\"message\":\"not authorized\",\"data\":{\"reason\":\"bad token\",\"code\":42}}");
        client.send("40/plain,");
        client.expectText("44/plain,{\"message\":\"plain refusal\"}");
        client.send("40/boom,");
        client.expectText("44/boom,{\"message\":\"exploded\"}");
        // the connection is still usable: a good token gets in
        String id = client.connect("/", "{\"token\":\"good\"}");
        assertThat(socket(id).handshake().auth().field("token").orElseThrow().asString()).isEqualTo("good");
        client.assertHealthy();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void connectTimeoutClosesAConnectionThatNeverJoins(Kind kind) {
        start(b -> b.connectTimeout(Duration.ofMillis(300)));
        EioClient joined = connected(kind);
        EioClient idle = open(kind);
        idle.awaitClosed();
        if (kind == Kind.POLLING) {
            assertThat(idle.drain()).containsExactly(Frame.text("1"));
        }
        joined.assertHealthy();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void connectingTwiceToOneNamespaceClosesTheConnection(Kind kind) {
        start();
        EioClient healthy = connected(kind.other());
        EioClient client = connected(kind);
        client.send("40");
        assertThat(reason(client.id())).isEqualTo("forced close");
        client.awaitClosed();
        healthy.assertHealthy();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void floodOfNamespaceConnectsClosesTheConnection(Kind kind) {
        start();
        io.of(name -> name.startsWith("/room-"), nsp -> { });
        EioClient healthy = connected(kind.other());
        EioClient client = connected(kind);
        for (int i = 1; i < 100; i++) {
            client.send("40/room-" + i + ",");
        }
        for (int i = 1; i < 100; i++) {
            assertThat(client.nextText()).startsWith("40/room-" + i + ",{\"sid\":");
        }
        // 100 namespaces joined: the next CONNECT is one too many
        client.send("40/room-100,");
        assertThat(reason(client.id())).isEqualTo("forced close");
        client.awaitClosed();
        healthy.assertHealthy();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void floodOfRefusedNamespaceConnectsClosesTheConnection(Kind kind) {
        start();
        EioClient healthy = connected(kind.other());
        EioClient client = connected(kind);
        for (int i = 0; i < 99; i++) {
            client.send("40/nope-" + i + ",");
            client.expectText("44/nope-" + i + ",{\"message\":\"Invalid namespace\"}");
        }
        client.send("40/nope-99,");
        assertThat(reason(client.id())).isEqualTo("forced close");
        client.awaitClosed();
        healthy.assertHealthy();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void dynamicNamespaceSetupCompletesBeforeAnySocketJoins(Kind kind) throws Exception {
        start();
        CountDownLatch setupEntered = new CountDownLatch(1);
        CountDownLatch releaseSetup = new CountDownLatch(1);
        io.of(name -> name.startsWith("/slow-"), nsp -> {
            setupEntered.countDown();
            try {
                releaseSetup.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            nsp.use(s -> {
                throw new SioConnectException("denied");
            });
        });
        EioClient first = connected(kind);
        EioClient second = connected(kind);
        first.send("40/slow-1,");
        assertThat(setupEntered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        second.send("40/slow-1,");
        // while the setup runs, the half-configured namespace must not admit anyone
        second.expectNothing(QUIET);
        releaseSetup.countDown();
        first.expectText("44/slow-1,{\"message\":\"denied\"}");
        second.expectText("44/slow-1,{\"message\":\"denied\"}");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void connectionHandlerRunsBeforeTheSocketsFirstEvent(Kind kind) {
        start();
        io.of("/late").onConnection(s -> s.on("ev", (args, ack) -> ack.send("handled")));
        EioClient client = connected(kind);
        // CONNECT and an event in one go: the event must find its handler
        if (client instanceof PollingClient polling) {
            polling.sendAll("40/late,", "42/late,1[\"ev\"]");
        } else {
            client.send("40/late,");
            client.send("42/late,1[\"ev\"]");
        }
        assertThat(client.nextText()).startsWith("40/late,{\"sid\":");
        client.expectText("43/late,1[\"handled\"]");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSocketCanRejoinANamespaceItLeft(Kind kind) {
        start();
        EioClient client = connected(kind);
        String first = client.id();
        client.send("41");
        assertThat(reason(first)).isEqualTo("client namespace disconnect");
        String second = client.connect("/");
        assertThat(second).isNotEqualTo(first);
        client.assertHealthy();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void socketListOfTheNamespace(Kind kind) {
        start();
        EioClient a = connected(kind);
        EioClient b = connected(kind.other());
        waitAtMost(WAIT).until(() -> io.of("/").sockets().keySet().equals(java.util.Set.of(a.id(), b.id())));
        a.send("41");
        waitAtMost(WAIT).until(() -> io.of("/").sockets().keySet().equals(java.util.Set.of(b.id())));
    }
}
