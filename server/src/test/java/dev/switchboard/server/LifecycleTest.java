package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.EndReason;
import dev.switchboard.core.stream.StreamConsumer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Disconnects, close codes, lifecycle events and stream cleanup (spec §4.3–4.4). */
class LifecycleTest extends ServerTestSupport {

    @Test
    void serverDisconnectSendsCodeAndReason() {
        start();
        StreamConsumer<ServerEvents.Disconnection> disconnections = events(ServerEvents.DISCONNECTION);
        StreamConsumer<ServerEvents.Disconnection> closures = events(ServerEvents.CLOSURE);
        RawSocket client = connect();
        client.handshake();
        ServerSocket socket = serverSocket(client);
        StreamConsumer<ServerEvents.Disconnection> own = events(socket, SocketEvents.DISCONNECT);

        socket.disconnect(4321, "bye");
        assertThat(client.awaitClose()).isEqualTo(new RawSocket.Close(4321, "bye"));
        ServerEvents.Disconnection disconnection = disconnections.next();
        assertThat(disconnection.code()).isEqualTo(4321);
        assertThat(disconnection.reason()).isEqualTo("bye");
        assertThat(disconnection.socket().id()).isEqualTo(client.id());
        assertThat(closures.next().code()).isEqualTo(4321);
        assertThat(own.next().code()).isEqualTo(4321);
        assertThat(socket.state()).isEqualTo(SocketState.CLOSED);
        await().atMost(WAIT).until(() -> server.clients().isEmpty());
    }

    @Test
    void nothingFollowsTheCloseFrame() {
        start(b -> b.pingInterval(java.time.Duration.ofMillis(10)));
        RawHttp.FrameSocket raw = track(RawHttp.openFrames(port(), "/socketcluster/"));
        raw.sendText(Wire.q("{'event':'#handshake','data':{},'cid':1}"));
        String id = Wire.parse(nextText(raw)).at("/data/id").asString();
        raw.sendText(Wire.q("{'event':'#subscribe','data':{'channel':'ch'},'cid':2}"));
        Wire.assertWire(nextText(raw), "{'rid':2}");
        ServerSocket socket = server.client(id).orElseThrow();

        socket.transmit("before", 1);
        socket.disconnect(4000, "bye");
        socket.transmit("after", 2);
        server.exchange().transmitPublish("ch", "after");
        CompletableFutureAssert.failsWith(socket.invoke("after", 3), "BadConnectionError");

        List<RawHttp.Frame> frames = new ArrayList<>();
        for (var f = raw.read(); f.isPresent(); f = raw.read()) {
            frames.add(f.get());
        }
        List<String> texts = frames.stream().filter(f -> f.opcode() == RawHttp.Frame.TEXT && f.payload().length > 0)
                .map(RawHttp.Frame::text).toList();
        assertThat(texts).containsExactly("{\"event\":\"before\",\"data\":1}");
        RawHttp.Frame last = frames.get(frames.size() - 1);
        assertThat(last.opcode()).as("the close frame is the last frame").isEqualTo(RawHttp.Frame.CLOSE);
        assertThat(last.closeCode()).isEqualTo(4000);
    }

    /** The next non-empty text frame (skipping pings). */
    private static String nextText(RawHttp.FrameSocket raw) {
        while (true) {
            RawHttp.Frame frame = raw.read().orElseThrow(() -> new AssertionError("connection ended"));
            if (frame.opcode() == RawHttp.Frame.TEXT && frame.payload().length > 0) {
                return frame.text();
            }
        }
    }

    /** Tiny helper for futures that must fail with a named remote error. */
    static final class CompletableFutureAssert {
        static void failsWith(java.util.concurrent.CompletableFuture<?> future, String name) {
            Throwable error = org.assertj.core.api.Assertions.catchThrowable(
                    () -> future.orTimeout(5, TimeUnit.SECONDS).join());
            assertThat(error).isNotNull();
            assertThat(error.getCause()).isInstanceOf(dev.switchboard.core.RemoteException.class);
            assertThat(((dev.switchboard.core.RemoteException) error.getCause()).name()).isEqualTo(name);
        }
    }

    @Test
    void plainDisconnectIsNormalClosure() {
        start();
        RawSocket client = connect();
        client.handshake();
        serverSocket(client).disconnect();
        assertThat(client.awaitClose().code()).isEqualTo(1000);
    }

    @Test
    void longReasonsAreCutToFitTheCloseFrame() {
        start();
        RawSocket client = connect();
        client.handshake();
        serverSocket(client).disconnect(4000, "é".repeat(100));
        RawSocket.Close close = client.awaitClose();
        assertThat(close.code()).isEqualTo(4000);
        assertThat(close.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
        assertThat(close.reason()).matches("é+");
    }

    @Test
    void clientCloseIsReportedWithItsCodeAndReason() {
        start();
        StreamConsumer<ServerEvents.Disconnection> disconnections = events(ServerEvents.DISCONNECTION);
        StreamConsumer<ServerEvents.Disconnection> aborts = events(ServerEvents.CONNECTION_ABORT);
        RawSocket client = connect();
        client.handshake();
        client.sendClose(4444, "client says bye");
        assertThat(client.awaitClose().code()).isEqualTo(4444); // the server echoes the close
        ServerEvents.Disconnection event = disconnections.next();
        assertThat(event.code()).isEqualTo(4444);
        assertThat(event.reason()).isEqualTo("client says bye");
        assertThat(aborts.backpressure()).isZero();
    }

    @Test
    void droppedConnectionIsReportedAs1006() {
        start();
        StreamConsumer<ServerEvents.Disconnection> disconnections = events(ServerEvents.DISCONNECTION);
        RawSocket client = connect();
        client.handshake();
        client.close();
        assertThat(disconnections.next().code()).isEqualTo(1006);
    }

    @Test
    void connectionEventsFireInOrder() {
        start();
        StreamConsumer<ServerEvents.Handshake> handshakes = events(ServerEvents.HANDSHAKE);
        StreamConsumer<ServerEvents.Connection> connections = events(ServerEvents.CONNECTION);
        StreamConsumer<ServerEvents.Disconnection> closures = events(ServerEvents.CLOSURE);
        RawSocket client = connect();
        ServerSocket pending = handshakes.next().socket();
        assertThat(pending.state()).isEqualTo(SocketState.CONNECTING);
        assertThat(server.pendingClients()).extracting(ServerSocket::id).containsExactly(pending.id());
        client.handshake();
        assertThat(connections.next().socket()).isSameAs(pending);
        connections.close(); // done with connections: the socket's packets need not wait for this consumer
        assertThat(client.id()).isEqualTo(pending.id());
        client.sendClose(1000, "");
        assertThat(closures.next().socket()).isSameAs(pending);
    }

    @Test
    void closeBeforeHandshakeIsAConnectionAbort() {
        start();
        StreamConsumer<ServerEvents.Disconnection> aborts = events(ServerEvents.CONNECTION_ABORT);
        StreamConsumer<ServerEvents.Disconnection> closures = events(ServerEvents.CLOSURE);
        StreamConsumer<ServerEvents.Disconnection> disconnections = events(ServerEvents.DISCONNECTION);
        RawSocket client = connect();
        client.sendClose(4100, "changed my mind");
        ServerEvents.Disconnection abort = aborts.next();
        assertThat(abort.code()).isEqualTo(4100);
        assertThat(abort.reason()).isEqualTo("changed my mind");
        assertThat(closures.next().code()).isEqualTo(4100);
        assertThat(disconnections.backpressure()).isZero();
        await().atMost(WAIT).until(() -> server.pendingClients().isEmpty());
    }

    @Test
    void serverCloseDisconnectsEveryoneWithGoingAway() {
        start();
        StreamConsumer<ServerEvents.Disconnection> closures = events(ServerEvents.CLOSURE);
        RawSocket open = connect();
        open.handshake();
        RawSocket pending = connect();
        server.close();
        // Both are told 1001; but close() stops the event loops 50 ms later, cutting connections whose
        // closing handshake has not finished, and then the JDK client sometimes reports 1006 (reported).
        assertThat(open.awaitClose().code()).isIn(1001, 1006);
        assertThat(pending.awaitClose().code()).isIn(1001, 1006);
        assertThat(List.of(closures.next().code(), closures.next().code())).containsOnly(1001);
        assertThat(server.clients()).isEmpty();
        assertThat(server.pendingClients()).isEmpty();
    }

    @Test
    void killCleanupEndsReceiverConsumersAndDropsTheirBacklog() throws Exception {
        start(b -> b.streamCleanupMode(StreamCleanupMode.KILL));
        var handled = Collections.synchronizedList(new ArrayList<Long>());
        var consumerRef = new java.util.concurrent.atomic.AtomicReference<StreamConsumer<Payload>>();
        var firstTaken = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var ended = new CountDownLatch(1);
        onConnection(socket -> {
            StreamConsumer<Payload> foo = socket.receiver("foo").createConsumer();
            consumerRef.set(foo);
            Thread.ofVirtual().start(() -> {
                for (Payload p : foo) {
                    handled.add(p.asLong());
                    firstTaken.countDown();
                    MessagingTest.hold(release);
                }
                ended.countDown();
            });
        });
        RawSocket client = connectReady();
        for (int i = 1; i <= 15; i++) {
            client.transmit("foo", String.valueOf(i));
        }
        assertThat(firstTaken.await(5, TimeUnit.SECONDS)).isTrue();
        StreamConsumer<Payload> consumer = consumerRef.get();
        await().atMost(WAIT).until(() -> consumer.backpressure() == 14);
        client.close();
        await().atMost(WAIT).until(() -> consumer.endReason().isPresent());
        release.countDown();
        assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(handled).containsExactly(1L);
        assertThat(consumer.endReason()).contains(EndReason.KILLED);
    }

    @Test
    void closeCleanupDrainsTheBacklogThenEnds() throws Exception {
        start(b -> b.streamCleanupMode(StreamCleanupMode.CLOSE));
        var handled = Collections.synchronizedList(new ArrayList<Long>());
        var consumerRef = new java.util.concurrent.atomic.AtomicReference<StreamConsumer<Payload>>();
        var firstTaken = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var ended = new CountDownLatch(1);
        onConnection(socket -> {
            StreamConsumer<Payload> foo = socket.receiver("foo").createConsumer();
            consumerRef.set(foo);
            Thread.ofVirtual().start(() -> {
                for (Payload p : foo) {
                    handled.add(p.asLong());
                    firstTaken.countDown();
                    MessagingTest.hold(release);
                }
                ended.countDown();
            });
        });
        StreamConsumer<ServerEvents.Disconnection> disconnections = events(ServerEvents.DISCONNECTION);
        RawSocket client = connectReady();
        for (int i = 1; i <= 15; i++) {
            client.transmit("foo", String.valueOf(i));
        }
        assertThat(firstTaken.await(5, TimeUnit.SECONDS)).isTrue();
        StreamConsumer<Payload> consumer = consumerRef.get();
        await().atMost(WAIT).until(() -> consumer.backpressure() == 14);
        client.close();
        disconnections.next();
        release.countDown();
        assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(handled).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 15).boxed().toList());
        assertThat(consumer.endReason()).contains(EndReason.CLOSED);
    }

    @Test
    void socketListenersStillDeliverTheCloseEventsUnderKill() {
        start(b -> b.streamCleanupMode(StreamCleanupMode.KILL));
        RawSocket client = connect();
        client.handshake();
        ServerSocket socket = serverSocket(client);
        StreamConsumer<ServerEvents.Disconnection> close = track(socket.listener(SocketEvents.CLOSE).createConsumer(WAIT));
        StreamConsumer<ServerEvents.Disconnection> end = track(socket.listener(SocketEvents.END).createConsumer(WAIT));
        socket.disconnect(4000, "x");
        assertThat(close.next().code()).isEqualTo(4000);
        assertThat(end.next().code()).isEqualTo(4000);
        assertThat(close.hasNext()).isFalse();
    }

    @Test
    void procedureConsumersEndOnDisconnect() throws Exception {
        start();
        var ended = new CountDownLatch(1);
        onConnection(socket -> {
            StreamConsumer<Request> calls = socket.procedure("p").createConsumer();
            Thread.ofVirtual().start(() -> {
                calls.forEachRemaining(Request::end);
                ended.countDown();
            });
        });
        RawSocket client = connectReady();
        List<Long> cids = List.of(client.call("p", "1"), client.call("p", "2"));
        for (long cid : cids) {
            Wire.assertWire(client.next(), "{'rid':" + cid + "}");
        }
        client.close();
        assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
