package dev.switchboard.server.sio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.switchboard.server.sio.SioTestSupport.waitAtMost;

import dev.switchboard.core.SwitchboardException;
import dev.switchboard.server.AckTimeoutException;
import dev.switchboard.server.EventArgs;
import dev.switchboard.server.SioSocket;
import dev.switchboard.server.sio.EioClient.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Socket.IO events, acks, binary, server acks, catch-all listeners and packet middleware, over both transports. */
class SioEventsTest extends SioTestSupport {
    private final List<Object> received = new CopyOnWriteArrayList<>();

    /** Records every {@code ev} event's arguments in {@link #received}. */
    private void recordEv() {
        io.of("/").onConnection(s -> s.on("ev", (args, ack) -> received.add(args.values())));
    }

    private static EventArgs get(CompletableFuture<EventArgs> f) throws Exception {
        return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- events and acks ----

    @ParameterizedTest
    @EnumSource(Kind.class)
    void eventReachesItsHandlerWithExactArguments(Kind kind) {
        start();
        recordEv();
        EioClient client = connected(kind);
        client.send("42[\"ev\",1,\"two\",{\"a\":[true,null]},1.5,-3,\"\u00e9\u2603\"]");
        waitAtMost(WAIT).until(() -> received.size() == 1);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("a", Arrays.asList(true, null));
        assertThat(received.get(0)).isEqualTo(Arrays.asList(1, "two", a, 1.5, -3, "\u00e9\u2603"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void acksCarryTheSameIdAndTheArguments(Kind kind) {
        start();
        EioClient client = connected(kind);
        client.send("420[\"echo\",\"x\"]");
        client.expectText("430[\"x\"]");
        client.send("42123456789[\"echo\",{\"k\":[1,{\"n\":null}]},2]");
        client.expectText("43123456789[{\"k\":[1,{\"n\":null}]},2]");
        client.send("427[\"echo\"]");
        client.expectText("437[]");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anAckIsSentOnceAndAnEventWithoutHandlerGetsNoAnswer(Kind kind) {
        start();
        io.of("/").onConnection(s -> s.on("twice", (args, ack) -> {
            assertThat(ack.requested()).isTrue();
            ack.send("first");
            ack.send("second");
        }));
        io.of("/").onConnection(s -> s.on("boom", (args, ack) -> {
            throw new IllegalStateException("handler failure");
        }));
        EioClient client = connected(kind);
        client.send("421[\"twice\"]");
        client.expectText("431[\"first\"]");
        client.send("422[\"nobody-listens\"]");
        client.send("423[\"boom\"]");
        client.assertHealthy(); // nothing came before the echo's answer: no second ack, no answer to 2 or 3
        assertThat(socket(client).connected()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void eventsInANamespace(Kind kind) {
        start();
        io.of("/admin").onConnection(s -> s.on("echo", (args, ack) -> ack.send(args.values().toArray())));
        EioClient client = connected(kind);
        client.connect("/admin");
        client.send("42/admin,9[\"echo\",\"in admin\"]");
        client.expectText("43/admin,9[\"in admin\"]");
    }

    // ---- binary ----

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPlaceholderShapedObjectInAPlainEventIsData(Kind kind) {
        start();
        recordEv();
        EioClient client = connected(kind);
        client.send("42[\"ev\",{\"_placeholder\":true,\"num\":0}]");
        waitAtMost(WAIT).until(() -> received.size() == 1);
        assertThat(received.get(0)).isEqualTo(List.of(Map.of("_placeholder", true, "num", 0)));
        client.assertHealthy();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void binaryEventFromTheClientArrivesAsBytes(Kind kind) {
        start();
        recordEv();
        EioClient client = connected(kind);
        client.send("451-[\"ev\",{\"_placeholder\":true,\"num\":0},\"after\"]");
        client.sendBinary(new byte[] {1, 2, 3});
        waitAtMost(WAIT).until(() -> received.size() == 1);
        List<?> args = (List<?>) received.get(0);
        assertThat((byte[]) args.get(0)).containsExactly(1, 2, 3);
        assertThat(args.get(1)).isEqualTo("after");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void nestedBinaryWithAckAndTwoAttachments(Kind kind) {
        start();
        io.of("/").onConnection(s -> s.on("bin2", (args, ack) -> {
            Map<?, ?> m = (Map<?, ?>) args.values().get(0);
            ack.send(((byte[]) m.get("a")).length, ((byte[]) m.get("b")).length);
        }));
        EioClient client = connected(kind);
        client.send("452-7[\"bin2\",{\"a\":{\"_placeholder\":true,\"num\":1},\"b\":{\"_placeholder\":true,\"num\":0}}]");
        client.sendBinary(new byte[] {1});
        client.sendBinary(new byte[] {2, 2});
        client.expectText("437[2,1]");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void serverBinaryEmitIsABinaryEventWithAttachments(Kind kind) {
        start();
        EioClient client = connected(kind);
        SioSocket socket = socket(client);
        socket.emit("bin", new byte[] {1, 2, 3}, "x");
        client.expectText("451-[\"bin\",{\"_placeholder\":true,\"num\":0},\"x\"]");
        assertThat(client.nextBinary()).containsExactly(1, 2, 3);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("first", new byte[] {7});
        nested.put("list", List.of("s", new byte[] {8, 9}));
        socket.emit("nested", nested);
        client.expectText("452-[\"nested\",{\"first\":{\"_placeholder\":true,\"num\":0},"
                + "\"list\":[\"s\",{\"_placeholder\":true,\"num\":1}]}]");
        assertThat(client.nextBinary()).containsExactly(7);
        assertThat(client.nextBinary()).containsExactly(8, 9);
        io.emit("everyone", new byte[] {4});
        client.expectText("451-[\"everyone\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(client.nextBinary()).containsExactly(4);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void binaryAckIsABinaryAckPacket(Kind kind) {
        start();
        io.of("/").onConnection(s -> s.on("getbin", (args, ack) -> ack.send(new byte[] {5, 6}, "tail")));
        io.of("/admin").onConnection(s -> s.on("getbin", (args, ack) -> ack.send(new byte[] {7})));
        EioClient client = connected(kind);
        client.send("421[\"getbin\"]");
        client.expectText("461-1[{\"_placeholder\":true,\"num\":0},\"tail\"]");
        assertThat(client.nextBinary()).containsExactly(5, 6);
        client.connect("/admin");
        client.send("42/admin,2[\"getbin\"]");
        client.expectText("461-/admin,2[{\"_placeholder\":true,\"num\":0}]");
        assertThat(client.nextBinary()).containsExactly(7);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void tenAttachmentsAreAcceptedElevenClose(Kind kind) {
        start();
        recordEv();
        EioClient healthy = connected(kind.other());
        EioClient client = connected(kind);
        StringBuilder ten = new StringBuilder("4510-[\"ev\"");
        for (int i = 0; i < 10; i++) {
            ten.append(",{\"_placeholder\":true,\"num\":").append(i).append('}');
        }
        client.send(ten.append(']').toString());
        for (int i = 0; i < 10; i++) {
            client.sendBinary(new byte[] {(byte) i});
        }
        waitAtMost(WAIT).until(() -> received.size() == 1);
        assertThat((List<?>) received.get(0)).hasSize(10);
        client.send("4511-[\"ev\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(reason(client.id())).isEqualTo("parse error");
        client.awaitClosed();
        healthy.assertHealthy();
    }

    // ---- server emitWithAck ----

    @ParameterizedTest
    @EnumSource(Kind.class)
    void serverEmitWithAckCompletesWithTheClientsAnswer(Kind kind) throws Exception {
        start();
        EioClient client = connected(kind);
        SioSocket socket = socket(client);
        CompletableFuture<EventArgs> first = socket.emitWithAck("q", 1);
        client.expectText("420[\"q\",1]");
        CompletableFuture<EventArgs> second = socket.emitWithAck("q", 2);
        client.expectText("421[\"q\",2]");
        client.send("431[\"second\"]");
        client.send("430[\"r\",{\"x\":true}]");
        assertThat(get(first).values()).isEqualTo(List.of("r", Map.of("x", true)));
        assertThat(get(second).values()).isEqualTo(List.of("second"));
        // a binary answer
        CompletableFuture<EventArgs> third = socket.emitWithAck("q", 3);
        client.expectText("422[\"q\",3]");
        client.send("461-2[{\"_placeholder\":true,\"num\":0}]");
        client.sendBinary(new byte[] {4, 2});
        assertThat(get(third).bytes(0)).containsExactly(4, 2);
        // a second answer to the same id and an unknown id are ignored
        client.send("430[\"again\"]");
        client.send("4399[\"unknown\"]");
        client.assertHealthy();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void serverEmitWithAckTimesOut(Kind kind) throws Exception {
        start();
        EioClient client = connected(kind);
        SioSocket socket = socket(client);
        CompletableFuture<EventArgs> answer = socket.timeout(Duration.ofMillis(200)).emitWithAck("q");
        client.expectText("420[\"q\"]");
        assertThatThrownBy(() -> answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(AckTimeoutException.class)
                .hasMessage("operation has timed out");
        client.send("430[\"late\"]"); // ignored
        client.assertHealthy();
        // in time, the same emitter completes
        CompletableFuture<EventArgs> inTime = socket.timeout(Duration.ofSeconds(3)).emitWithAck("q2");
        client.expectText("421[\"q2\"]");
        client.send("431[\"ok\"]");
        assertThat(get(inTime).values()).containsExactly("ok");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void pendingAcksFailWhenTheSocketDisconnects(Kind kind) {
        start();
        EioClient client = connected(kind);
        SioSocket socket = socket(client);
        CompletableFuture<EventArgs> answer = socket.emitWithAck("q");
        client.expectText("420[\"q\"]");
        client.send("41");
        assertThatThrownBy(() -> answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class);
        assertThat(socket.emitWithAck("q")).isCompletedExceptionally();
    }

    // ---- catch-all listeners and packet middleware ----

    @ParameterizedTest
    @EnumSource(Kind.class)
    void onAnyAndOnAnyOutgoing(Kind kind) {
        start();
        List<String> incoming = new CopyOnWriteArrayList<>();
        List<String> outgoing = new CopyOnWriteArrayList<>();
        io.of("/").onConnection(s -> {
            s.onAny((event, args, ack) -> incoming.add(event + args.values() + ack.requested()));
            s.onAnyOutgoing((event, args, ack) -> outgoing.add(event + args.values() + ack.requested()));
        });
        EioClient client = connected(kind);
        SioSocket socket = socket(client);
        client.send("42[\"ev\",1,\"a\"]");
        client.send("421[\"echo\",2]");
        client.expectText("431[2]");
        assertThat(incoming).containsExactly("ev[1, a]false", "echo[2]true");
        socket.emit("out", 3);
        client.expectText("42[\"out\",3]");
        io.emit("all", 4);
        client.expectText("42[\"all\",4]");
        io.local().emit("local", 5);
        client.expectText("42[\"local\",5]");
        socket.emitWithAck("asking", 6);
        client.expectText("420[\"asking\",6]");
        assertThat(outgoing).containsExactly("out[3]false", "all[4]false", "local[5]false", "asking[6]true");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void packetMiddlewareThrowingDropsTheEventAndReportsTheError(Kind kind) {
        start();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        io.of("/").onConnection(s -> {
            s.use((event, args) -> {
                if (event.equals("blocked")) {
                    throw new IllegalStateException("not allowed: " + args.values());
                }
            });
            s.onError(errors::add);
            s.on("blocked", (args, ack) -> handled.add("blocked"));
        });
        EioClient client = connected(kind);
        client.send("421[\"blocked\",1]");
        client.assertHealthy(); // the echo passes the middleware; no ack for the blocked event came first
        assertThat(handled).isEmpty();
        assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("not allowed: [1]");
        assertThat(socket(client).connected()).isTrue();
    }
}
