package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.server.ActionType;
import dev.switchboard.server.MiddlewareType;
import dev.switchboard.server.ServerEvents;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SioConnectException;
import dev.switchboard.server.SwitchboardServer;
import dev.switchboard.standalone.DemoApp;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's Java examples, as written there, run against each other: the docs cannot rot. */
@Timeout(60)
class ReadmeExamplesTest {

    @Test
    void serverAndClientExamplesWorkTogether() {
        List<String> seen = new CopyOnWriteArrayList<>();
        var server = SwitchboardServer.create(ServerOptions.builder().host("127.0.0.1").port(0).build()).start();
        try (server) {
            DemoApp.install(server); // the README's client example talks to the demo's echo and fail
            // --- README: "A server in Java" (foo receiver; echo is the demo's) ---
            Thread.ofVirtual().start(() -> {
                for (var connection : server.listener(ServerEvents.CONNECTION)) {
                    var socket = connection.socket();
                    var foo = socket.receiver("foo").createConsumer();
                    Thread.ofVirtual().start(() -> {
                        for (var data : foo) seen.add("foo: " + data);
                    });
                }
            });
            // --- README: "Middleware and auth" ---
            server.setMiddleware(MiddlewareType.INBOUND, action -> {
                if (action.type() == ActionType.SUBSCRIBE && action.channel().orElse("").startsWith("admin/")
                        && action.authToken().isEmpty()) {
                    action.block(RemoteException.of("ForbiddenChannelError", "log in first"));
                } else {
                    action.allow();
                }
            });
            // --- README: "Socket.IO" (compiles and runs; behaviour is covered by the interop suites) ---
            var io = server.socketIo();
            io.of("/").use(socket -> {
                if (socket.handshake().auth().field("token").isEmpty()) {
                    throw new SioConnectException("not authorized", Map.of("reason", "no token"));
                }
            });
            io.to("room1", "room2").except("room3").emit("news", Map.of("headline", "hi"));
            io.of("/admin").timeout(Duration.ofSeconds(5)).emitWithAck("ping")
                    .thenAccept(responses -> seen.add(responses.size() + " answered"));

            // --- README: "A client in Java" ---
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/socketcluster/");
            try (var client = SwitchboardClient.create(uri)) {
                var chat = client.subscribe("chat").createConsumer();
                Thread.ofVirtual().start(() -> { for (var msg : chat) seen.add("chat: " + msg); });
                await().until(() -> client.isSubscribed("chat", false));

                Payload echoed = client.invokeAndWait("echo", Map.of("hello", "world"));
                assertThat(echoed.asMap()).containsEntry("hello", "world");
                try {
                    client.invokeAndWait("fail", "x");
                    throw new AssertionError("fail should fail");
                } catch (RemoteException e) {
                    assertThat(e.name()).isEqualTo("DemoError");
                }
                client.transmitPublish("chat", "hi from Java");
                client.transmit("foo", 123);
                var admin = client.subscribe("admin/secrets");
                await().until(() -> seen.contains("chat: \"hi from Java\"") && seen.contains("foo: 123"));
                await().until(() -> !client.isSubscribed("admin/secrets", true));
                assertThat(admin.state().name()).isEqualTo("UNSUBSCRIBED");
            }
        }
    }
}
