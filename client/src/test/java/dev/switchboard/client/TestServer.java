package dev.switchboard.client;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.stream.StreamConsumer;
import dev.switchboard.server.ActionType;
import dev.switchboard.server.MiddlewareType;
import dev.switchboard.server.Request;
import dev.switchboard.server.ServerEvents;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.ServerSocket;
import dev.switchboard.server.SwitchboardServer;
import dev.switchboard.server.auth.AuthOptions;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Switchboard's server in-process on a free port, with a small test app on every socket:
 * procedures echo, fail, login, whoami, kickMe, serverPublish, transmitMe, callMe, deauth, disconnectMe
 * (no handler for noHandler); INBOUND middleware refuses subscriptions to forbidden* channels.
 * {@link #restart()} closes the server and starts a new one on the same port.
 */
final class TestServer implements AutoCloseable {
    static final String SECRET = "testkey";

    private final ServerOptions options;
    private final LinkedBlockingQueue<ServerSocket> sockets = new LinkedBlockingQueue<>();
    private volatile SwitchboardServer server;
    private volatile java.util.concurrent.CountDownLatch handshakeGate;

    private TestServer(ServerOptions options) {
        this.options = options;
    }

    static TestServer start() {
        return start(b -> b);
    }

    static TestServer start(UnaryOperator<ServerOptions.Builder> customize) {
        ServerOptions.Builder b = ServerOptions.builder().host("127.0.0.1").port(0)
                .ackTimeout(Duration.ofSeconds(2))
                .auth(AuthOptions.builder().secret(SECRET).build());
        TestServer t = new TestServer(customize.apply(b).build());
        t.server = SwitchboardServer.create(t.options).start();
        t.install(t.server);
        return t;
    }

    SwitchboardServer server() {
        return server;
    }

    int port() {
        return server.port();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + port() + "/socketcluster/");
    }

    ClientOptions.Builder clientOptions() {
        return ClientOptions.builder().uri(uri())
                .ackTimeout(Duration.ofSeconds(3))
                .connectTimeout(Duration.ofSeconds(5))
                .reconnectOptions(ReconnectOptions.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    SwitchboardClient client() {
        return SwitchboardClient.create(clientOptions().build());
    }

    /** Holds every {@code #handshake} until the returned latch is counted down. */
    java.util.concurrent.CountDownLatch holdHandshakes() {
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        handshakeGate = gate;
        return gate;
    }

    /** The next socket that completed its handshake. */
    ServerSocket nextSocket() {
        try {
            ServerSocket s = sockets.poll(10, TimeUnit.SECONDS);
            if (s == null) {
                throw new AssertionError("no connection within 10 s");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Closes the server (clients see 1001) and starts a new one with the same options on the same port. */
    void restart() {
        int port = server.port();
        server.close();
        server = SwitchboardServer.create(options.toBuilder().port(port).build()).start();
        install(server);
    }

    /** Closes without restarting (clients see 1001). */
    void stop() {
        server.close();
    }

    /** Starts again on the same port after {@link #stop()}. */
    void startAgain(int port) {
        server = SwitchboardServer.create(options.toBuilder().port(port).build()).start();
        install(server);
    }

    @Override
    public void close() {
        server.close();
    }

    private void install(SwitchboardServer s) {
        s.setMiddleware(MiddlewareType.INBOUND, action -> {
            if (action.type() == ActionType.SUBSCRIBE && action.channel().orElse("").startsWith("forbidden")) {
                action.block(RemoteException.of("ForbiddenChannelError", "Channel is forbidden"));
            } else {
                action.allow();
            }
        });
        // Handlers are registered in the handshake middleware, which runs on the socket's inbound thread
        // before the handshake reply: a consumer created on the 'connection' event would race with the
        // client's first calls (see the race note in ClientConnectionTest).
        s.setMiddleware(MiddlewareType.HANDSHAKE, action -> {
            if (action.type() == ActionType.HANDSHAKE_SC) {
                java.util.concurrent.CountDownLatch gate = handshakeGate;
                if (gate != null && !gate.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("handshake gate not opened");
                }
                action.socket().ifPresent(socket -> serve(s, socket));
            }
            action.allow();
        });
        StreamConsumer<ServerEvents.Connection> connections = s.listener(ServerEvents.CONNECTION).createConsumer();
        Thread.ofVirtual().start(() -> {
            for (ServerEvents.Connection connection : connections) {
                sockets.add(connection.socket());
            }
        });
    }

    private final java.util.concurrent.ConcurrentHashMap<String, StreamConsumer<Payload>> receivers =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The server socket's receiver {@code seq} or {@code hello}, consumed since before its handshake completed. */
    StreamConsumer<Payload> receiver(ServerSocket socket, String event) {
        return java.util.Objects.requireNonNull(receivers.get(socket.id() + "/" + event), event);
    }

    private void serve(SwitchboardServer s, ServerSocket socket) {
        for (String event : new String[] {"seq", "hello"}) {
            StreamConsumer<Payload> consumer = socket.receiver(event).createConsumer(Duration.ofSeconds(10));
            receivers.put(socket.id() + "/" + event, consumer);
        }
        procedure(socket, "echo", r -> r.end(r.data()));
        procedure(socket, "fail", r -> r.error(RemoteException.of("BadCustomError", "This is a bad custom error")
                .with("code", 42).with("details", Map.of("field", "x"))));
        procedure(socket, "login", r -> {
            socket.setAuthToken(Map.of("username", r.data().field("username").map(Payload::asString).orElse("")));
            r.end("ok");
        });
        procedure(socket, "whoami", r -> r.end(socket.authToken()
                .map(t -> t.get("username")).map(Payload::of).orElse(Payload.nullValue())));
        procedure(socket, "kickMe", r -> {
            socket.kickOut(r.data().field("channel").orElseThrow().asString(), "bye");
            r.end("ok");
        });
        procedure(socket, "serverPublish", r -> {
            s.exchange().transmitPublish(r.data().field("channel").orElseThrow().asString(),
                    r.data().field("data").orElse(Payload.none()));
            r.end("ok");
        });
        procedure(socket, "transmitMe", r -> {
            socket.transmit(r.data().field("event").orElseThrow().asString(),
                    r.data().field("data").orElse(Payload.none()));
            r.end("ok");
        });
        procedure(socket, "callMe", r -> socket.invoke(r.data().field("procedure").orElseThrow().asString(),
                r.data().field("data").orElse(Payload.none())).whenComplete((reply, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException c ? c.getCause() : error;
                        r.error(cause);
                    } else {
                        r.end(reply);
                    }
                }));
        procedure(socket, "deauth", r -> {
            socket.deauthenticate();
            r.end("ok");
        });
        procedure(socket, "disconnectMe", r -> {
            int code = r.data().field("code").map(p -> (int) p.asLong()).orElse(4321);
            String reason = r.data().field("reason").map(Payload::asString).orElse("bye");
            r.end("ok");
            CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> socket.disconnect(code, reason));
        });
    }

    private static void procedure(ServerSocket socket, String name, Consumer<Request> handler) {
        StreamConsumer<Request> requests = socket.procedure(name).createConsumer();
        Thread.ofVirtual().start(() -> {
            for (Request request : requests) {
                try {
                    handler.accept(request);
                } catch (RuntimeException e) {
                    if (!request.isAnswered()) {
                        request.error(e);
                    }
                }
            }
        });
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
