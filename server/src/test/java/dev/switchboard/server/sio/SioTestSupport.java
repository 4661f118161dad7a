package dev.switchboard.server.sio;


import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SioSocket;
import dev.switchboard.server.SocketIo;
import dev.switchboard.server.SocketIoOptions;
import dev.switchboard.server.SwitchboardServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Starts a server with the Socket.IO endpoint on an ephemeral port. The main namespace records every
 * socket ({@link #socket}) and its disconnect reason ({@link #reason}) and serves {@code echo}, which
 * acknowledges with its arguments. Everything opened through it is closed after each test.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
abstract class SioTestSupport {
    static final Duration WAIT = EioClient.WAIT;
    /** How long "nothing arrives" is watched; tests follow it with a positive barrier. */
    static final Duration QUIET = Duration.ofMillis(300);
    static final String PATH = PollingClient.PATH;

    private final List<AutoCloseable> resources = Collections.synchronizedList(new ArrayList<>());
    final Map<String, SioSocket> sockets = new ConcurrentHashMap<>();
    final Map<String, String> reasons = new ConcurrentHashMap<>();
    SwitchboardServer server;
    SocketIo io;

    SwitchboardServer start() {
        return start(b -> b);
    }

    SwitchboardServer start(UnaryOperator<SocketIoOptions.Builder> config) {
        startUntracked(config);
        return track(server);
    }

    /**
     * Starts the server without closing it after the test: for a class that shares one server among
     * its tests (per-class lifecycle) and closes it itself.
     */
    SwitchboardServer startUntracked(UnaryOperator<SocketIoOptions.Builder> config) {
        SocketIoOptions options = config.apply(SocketIoOptions.builder()).build();
        server = SwitchboardServer.create(
                ServerOptions.builder().host("127.0.0.1").port(0).socketIo(options).build()).start();
        io = server.socketIo();
        io.of("/").onConnection(socket -> {
            socket.on("echo", (args, ack) -> ack.send(args.values().toArray()));
            socket.onDisconnect(reason -> reasons.put(socket.id(), reason));
            sockets.put(socket.id(), socket);
        });
        return server;
    }

    /** Awaitility, polling every 5 ms from the start (its default waits 100 ms before the first check). */
    static org.awaitility.core.ConditionFactory waitAtMost(Duration timeout) {
        return org.awaitility.Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5));
    }

    int port() {
        return server.port();
    }

    <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    EioClient open(EioClient.Kind kind) {
        return track(kind.open(port(), true));
    }

    /** A session whose pings are queued like other packets, for the test to answer (or not). */
    EioClient openWithoutAutoPong(EioClient.Kind kind) {
        return track(kind.open(port(), false));
    }

    PollingClient polling() {
        return track(PollingClient.open(port(), true, true));
    }

    /** A polling session nobody polls: GETs only through {@link PollingClient#pollOnce()}. */
    PollingClient idlePolling() {
        return track(PollingClient.open(port(), false, true));
    }

    WsClient ws() {
        return track(WsClient.open(port(), true));
    }

    /** An idle (hand-polled) session joined to the main namespace; returns its server socket. */
    SioSocket joinIdle(PollingClient client) {
        org.assertj.core.api.Assertions.assertThat(client.postRaw("40").text()).isEqualTo("ok");
        Http.Response r = Http.get(port(), client.target());
        org.assertj.core.api.Assertions.assertThat(r.text()).matches("40\\{\"sid\":\"[A-Za-z0-9_-]{20}\"}");
        String id = r.text().substring(10, 30);
        client.ids.put("/", id);
        return socket(id);
    }

    /** Opens a session and joins the main namespace. */
    EioClient connected(EioClient.Kind kind) {
        EioClient client = open(kind);
        client.connect("/");
        return client;
    }

    /** The server socket of a main-namespace id, once its connection handler ran. */
    SioSocket socket(String id) {
        waitAtMost(WAIT).until(() -> sockets.containsKey(id));
        return sockets.get(id);
    }

    SioSocket socket(EioClient client) {
        return socket(client.id());
    }

    /** The disconnect reason of a main-namespace socket, once it disconnected. */
    String reason(String id) {
        waitAtMost(WAIT).until(() -> reasons.containsKey(id));
        return reasons.get(id);
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
    }
}
