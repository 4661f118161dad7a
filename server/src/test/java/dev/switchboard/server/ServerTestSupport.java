package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.stream.StreamConsumer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Starts real servers on an ephemeral port and connects raw clients to them; everything opened
 * through it is closed after each test.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
abstract class ServerTestSupport {
    static final Duration WAIT = RawSocket.WAIT;
    /** How long "nothing arrives" is watched for. Short: tests add a positive barrier after it. */
    static final Duration QUIET = Duration.ofMillis(300);

    private final List<AutoCloseable> resources = Collections.synchronizedList(new ArrayList<>());
    /** Ids of sockets whose {@link #onConnection} setup has run. */
    final Set<String> ready = ConcurrentHashMap.newKeySet();
    SwitchboardServer server;

    SwitchboardServer start() {
        return start(b -> b);
    }

    /** Starts a server on 127.0.0.1:0; the first one started becomes {@link #server}. */
    SwitchboardServer start(UnaryOperator<ServerOptions.Builder> config) {
        ServerOptions options = config.apply(ServerOptions.builder().host("127.0.0.1").port(0)).build();
        SwitchboardServer s = SwitchboardServer.create(options).start();
        resources.add(s);
        if (server == null) {
            server = s;
        }
        return s;
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port() + server.options().path());
    }

    int port() {
        return server.port();
    }

    <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    RawSocket connect() {
        return track(RawSocket.connect(uri()));
    }

    RawSocket connect(int protocolVersion, boolean autoPong) {
        return track(RawSocket.connect(uri(), protocolVersion, autoPong, Map.of()));
    }

    /** Connects, handshakes, and waits until the {@link #onConnection} setup ran for the socket. */
    /** A handshaken socket subscribed to {@code channel}. */
    RawSocket subscribed(String channel) {
        RawSocket socket = connect();
        socket.handshake();
        socket.subscribe(channel);
        return socket;
    }

    RawSocket connectReady() {
        RawSocket socket = connect();
        socket.handshake();
        awaitReady(socket);
        return socket;
    }

    void awaitReady(RawSocket socket) {
        await().atMost(WAIT).until(() -> ready.contains(socket.id()));
    }

    ServerSocket serverSocket(RawSocket client) {
        return server.client(client.id()).orElseThrow(() -> new AssertionError("no server socket " + client.id()));
    }

    /**
     * Runs {@code setup} for every socket that completes its handshake, on one virtual thread, then
     * marks the socket {@link #ready}. The setup must only create consumers and start threads.
     */
    void onConnection(Consumer<ServerSocket> setup) {
        StreamConsumer<ServerEvents.Connection> connections = track(server.listener(ServerEvents.CONNECTION).createConsumer());
        Thread.ofVirtual().name("test-connections").start(() -> {
            for (ServerEvents.Connection connection : connections) {
                setup.accept(connection.socket());
                ready.add(connection.socket().id());
            }
        });
    }

    /** Serves {@code echo}: answers every call with its data. */
    static void echo(ServerSocket socket) {
        StreamConsumer<Request> calls = socket.procedure("echo").createConsumer();
        Thread.ofVirtual().start(() -> {
            for (Request request : calls) {
                request.end(request.data());
            }
        });
    }

    void serveEcho() {
        onConnection(ServerTestSupport::echo);
    }

    /** A consumer of a server event that fails {@code next()} after {@link #WAIT}; create it before acting. */
    <E> StreamConsumer<E> events(EventKey<E> key) {
        return track(server.listener(key).createConsumer(WAIT));
    }

    <E> StreamConsumer<E> events(ServerSocket socket, EventKey<E> key) {
        return track(socket.listener(key).createConsumer(WAIT));
    }

    /** Asserts that {@code client} is open and its {@code echo} procedure answers exactly. */
    static void assertEchoes(RawSocket client) {
        String token = UUID.randomUUID().toString();
        long cid = client.call("echo", Wire.str(token));
        JsonNode reply = client.awaitReply(cid);
        assertThat(reply).isEqualTo(Wire.parse("{\"rid\":" + cid + ",\"data\":" + Wire.str(token) + "}"));
    }

    /**
     * Asserts that the very next frame {@code client} receives is the reply to a new {@code echo} call:
     * inbound packets are handled in order, so anything the server had to say about earlier packets
     * would have come first. A positive barrier instead of waiting for silence.
     */
    static void assertNextIsEcho(RawSocket client) {
        String token = UUID.randomUUID().toString();
        long cid = client.call("echo", Wire.str(token));
        assertThat(client.nextJson()).isEqualTo(Wire.parse("{\"rid\":" + cid + ",\"data\":" + Wire.str(token) + "}"));
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
