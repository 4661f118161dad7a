package dev.switchboard.client;

import static dev.switchboard.client.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.stream.StreamConsumer;
import dev.switchboard.server.MiddlewareType;
import dev.switchboard.server.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Handshake, transmit and invoke in both directions against Switchboard's server. */
@Timeout(20)
class ClientMessagingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private TestServer server;
    private SwitchboardClient client;

    @BeforeEach
    void start() {
        server = TestServer.start(b -> b.pingTimeout(Duration.ofSeconds(12)));
        client = server.client();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void handshakeOpensTheSocketWithTheServersIdAndPingTimeout() throws Exception {
        ClientEvents.Connect connect = client.connect().get(5, TimeUnit.SECONDS);
        ServerSocket socket = server.nextSocket();

        assertThat(connect.id()).isEqualTo(socket.id());
        assertThat(connect.pingTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(connect.isAuthenticated()).isFalse();
        assertThat(connect.authError()).isEmpty();
        assertThat(client.state()).isEqualTo(ClientState.OPEN);
        assertThat(client.id()).contains(socket.id());
        assertThat(client.pingTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(client.authState()).isEqualTo(AuthState.UNAUTHENTICATED);
        assertThat(client.connect().get(1, TimeUnit.SECONDS)).isEqualTo(connect); // already open
    }

    @Test
    void transmitReachesTheServersReceiverInOrder() throws Exception {
        client.connect().get(5, TimeUnit.SECONDS);
        StreamConsumer<Payload> hello = server.receiver(server.nextSocket(), "hello");
        for (int i = 0; i < 20; i++) {
            client.transmit("hello", map("n", i));
        }
        client.transmit("hello", Payload.nullValue());
        client.transmit("hello");
        for (int i = 0; i < 20; i++) {
            assertThat(hello.next().field("n").orElseThrow().asLong()).isEqualTo(i);
        }
        assertThat(hello.next().isNull()).isTrue();
        assertThat(hello.next().isNone()).isTrue();
    }

    @Test
    void serverTransmitsReachTheClientsReceiver() {
        StreamConsumer<Payload> news = client.receiver("news").createConsumer(WAIT);
        client.invokeAndWait("transmitMe", map("event", "news", "data", map("headline", "hi")));
        client.invokeAndWait("transmitMe", map("event", "news"));
        assertThat(news.next().asMap()).isEqualTo(Map.of("headline", "hi"));
        assertThat(news.next().isNone()).isTrue();
    }

    @Test
    void invokeReturnsTheReply() throws Exception {
        assertThat(client.invoke("echo", map("a", List.of(1, 2))).get(5, TimeUnit.SECONDS).asMap())
                .isEqualTo(Map.of("a", List.of(1, 2)));
        assertThat(client.invokeAndWait("echo", "text").asString()).isEqualTo("text");
        assertThat(client.invokeAndWait("echo", Payload.nullValue()).isNull()).isTrue();
        assertThat(client.invokeAndWait("echo", Payload.none()).isNone()).isTrue();
    }

    @Test
    void remoteErrorsArriveWithTheirNameAndFields() {
        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> client.invoke("fail", Payload.none()).get(5, TimeUnit.SECONDS));
        assertThat(failure.getCause()).isInstanceOfSatisfying(RemoteException.class, e -> {
            assertThat(e.name()).isEqualTo("BadCustomError");
            assertThat(e.getMessage()).isEqualTo("This is a bad custom error");
            assertThat(e.fields()).containsEntry("code", 42).containsEntry("details", Map.of("field", "x"));
        });
        assertThatThrownBy(() -> client.invokeAndWait("fail", Payload.none()))
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.name()).isEqualTo("BadCustomError"));
    }

    @Test
    void anInvokeNobodyAnswersTimesOutWithTimeoutError() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.invokeAndWait("noHandler", 1, Duration.ofMillis(300)))
                .isInstanceOfSatisfying(ClientTimeoutException.class, e -> {
                    assertThat(e.name()).isEqualTo("TimeoutError");
                    assertThat(e.getMessage()).contains("noHandler");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        assertThat(client.invokeAndWait("echo", 2).asLong()).isEqualTo(2); // the socket is fine afterwards
    }

    @Test
    void theServerCanCallClientProceduresAndGetsRepliesAndErrors() {
        StreamConsumer<ClientRequest> adds = client.procedure("add").createConsumer();
        StreamConsumer<ClientRequest> refuses = client.procedure("refuse").createConsumer();
        Thread.ofVirtual().start(() -> {
            for (ClientRequest r : adds) {
                r.end(r.data().field("a").orElseThrow().asLong() + r.data().field("b").orElseThrow().asLong());
                assertThatThrownBy(() -> r.end(0)).isInstanceOf(IllegalStateException.class);
            }
        });
        Thread.ofVirtual().start(() -> {
            for (ClientRequest r : refuses) {
                r.error(RemoteException.of("ClientSideError", "no way").with("code", 7));
            }
        });
        assertThat(client.invokeAndWait("callMe", map("procedure", "add", "data", map("a", 1, "b", 2))).asLong())
                .isEqualTo(3);
        // The server relays the client's error: name, message and fields made the round trip.
        assertThatThrownBy(() -> client.invokeAndWait("callMe", map("procedure", "refuse")))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.name()).isEqualTo("ClientSideError");
                    assertThat(e.getMessage()).isEqualTo("no way");
                    assertThat(e.fields()).containsEntry("code", 7);
                });
    }

    @Test
    void manyConcurrentInvokesFromVirtualThreadsAllComplete() throws Exception {
        client.connect().get(5, TimeUnit.SECONDS);
        List<CompletableFuture<Payload>> replies = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            replies.add(client.invoke("echo", i));
        }
        for (int i = 0; i < 500; i++) {
            assertThat(replies.get(i).get(5, TimeUnit.SECONDS).asLong()).isEqualTo(i);
        }
    }

    @Test
    void batchingSendsOneArrayFrame() throws Exception {
        CopyOnWriteArrayList<String> frames = new CopyOnWriteArrayList<>();
        server.server().setMiddleware(MiddlewareType.INBOUND_RAW, action -> {
            frames.add(action.data().value().map(String::valueOf).orElse(""));
            action.allow();
        });
        client.connect().get(5, TimeUnit.SECONDS);
        StreamConsumer<Payload> seq = server.receiver(server.nextSocket(), "seq");
        client.startBatch();
        assertThat(client.isBatching()).isTrue();
        client.transmit("seq", 1);
        client.transmit("seq", 2);
        client.transmit("seq", 3);
        client.flushBatch();
        assertThat(List.of(seq.next().asLong(), seq.next().asLong(), seq.next().asLong())).containsExactly(1L, 2L, 3L);
        client.stopBatch();
        assertThat(client.isBatching()).isFalse();
        client.transmit("seq", 4);
        assertThat(seq.next().asLong()).isEqualTo(4);
        assertThat(frames).anySatisfy(f -> assertThat(f).startsWith("[").contains("\"data\":1").contains("\"data\":3"));
        assertThat(frames).anySatisfy(f -> assertThat(f).startsWith("{").contains("\"data\":4"));
    }

    @Test
    void batchOnHandshakeBatchesTheFirstMessagesThenStops() throws Exception {
        client.close();
        CopyOnWriteArrayList<String> frames = new CopyOnWriteArrayList<>();
        server.server().setMiddleware(MiddlewareType.INBOUND_RAW, action -> {
            frames.add(action.data().value().map(String::valueOf).orElse(""));
            action.allow();
        });
        client = SwitchboardClient.create(server.clientOptions().autoConnect(false).batchOnHandshake(true)
                .batchOnHandshakeDuration(Duration.ofMillis(300)).build());
        for (int i = 0; i < 5; i++) {
            client.transmit("seq", i); // buffered, flushed after the handshake into the batch
        }
        StreamConsumer<Payload> seq = server.receiver(server.nextSocket(), "seq");
        for (int i = 0; i < 5; i++) {
            assertThat(seq.next().asLong()).isEqualTo(i);
        }
        await().atMost(WAIT).until(() -> !client.isBatching());
        assertThat(frames).anySatisfy(f -> assertThat(f).startsWith("[").contains("\"data\":0").contains("\"data\":4"));
    }
}
