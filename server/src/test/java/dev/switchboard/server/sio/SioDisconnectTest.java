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

/** Socket.IO disconnects (per namespace, with close, at shutdown), reserved names and bad packets, over both transports. */
class SioDisconnectTest extends SioTestSupport {
    private final List<Object> received = new CopyOnWriteArrayList<>();

    /** Records every {@code ev} event's arguments in {@link #received}. */
    private void recordEv() {
        io.of("/").onConnection(s -> s.on("ev", (args, ack) -> received.add(args.values())));
    }

    // ---- disconnects ----

    @ParameterizedTest
    @EnumSource(Kind.class)
    void clientDisconnectLeavesOnlyThatNamespace(Kind kind) {
        start();
        List<String> adminReasons = new CopyOnWriteArrayList<>();
        io.of("/admin").onConnection(s -> s.onDisconnect(adminReasons::add));
        EioClient client = connected(kind);
        String adminId = client.connect("/admin");
        client.send("41/admin,");
        waitAtMost(WAIT).until(() -> adminReasons.equals(List.of("client namespace disconnect")));
        assertThat(io.of("/admin").sockets()).doesNotContainKey(adminId);
        client.assertHealthy();
        SioSocket main = socket(client);
        client.send("41");
        assertThat(reason(main.id())).isEqualTo("client namespace disconnect");
        assertThat(main.connected()).isFalse();
        // the Engine.IO session outlives its namespaces
        client.connect("/");
        client.assertHealthy();
    }

    @org.junit.jupiter.api.Test
    void packetsThatArrivedBeforeTheWebSocketClosedAreStillHandled() {
        // socket.io-client's socket.disconnect() on its only namespace: DISCONNECT, then the close
        // frame, which the server often reads together
        start();
        for (int i = 0; i < 10; i++) {
            RawWs ws = track(RawWs.open(port(), "/socket.io/?EIO=4&transport=websocket"));
            assertThat(ws.readText()).startsWith("0{\"sid\":");
            ws.send(RawWs.text("40"));
            String reply = ws.readText();
            assertThat(reply).startsWith("40{\"sid\":");
            String id = reply.substring(10, 30);
            socket(id).join("room");
            ws.send(RawWs.text("41"), RawWs.closeFrame());
            assertThat(reason(id)).isEqualTo("client namespace disconnect");
        }
    }

    @org.junit.jupiter.api.Test
    void packetsAfterABadOneInTheSamePostAreDropped() {
        start();
        recordEv();
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        client.sendAll("42[\"ev\",1]", "42[{}]", "42[\"ev\",2]", "42/nope,[\"ev\",3]");
        assertThat(reason(socket.id())).isEqualTo("parse error");
        // the close reached the mailbox after every packet of the POST: what was handled, was by now
        assertThat(received).containsExactly(List.of(1));
    }

    @org.junit.jupiter.api.Test
    void packetsBeforeAPollingCloseAreHandledAndNothingAfter() {
        start();
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        client.sendAll("41", "1");
        assertThat(reason(socket.id())).isEqualTo("client namespace disconnect");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void serverDisconnectSendsDisconnectAndKeepsTheConnection(Kind kind) {
        start();
        List<String> adminReasons = new CopyOnWriteArrayList<>();
        io.of("/admin").onConnection(s -> {
            s.onDisconnect(adminReasons::add);
            s.on("leave", (args, ack) -> s.disconnect());
        });
        EioClient client = connected(kind);
        client.connect("/admin");
        client.send("42/admin,[\"leave\"]");
        client.expectText("41/admin,");
        waitAtMost(WAIT).until(() -> adminReasons.equals(List.of("server namespace disconnect")));
        client.assertHealthy();
        SioSocket main = socket(client);
        main.disconnect();
        client.expectText("41");
        assertThat(reason(main.id())).isEqualTo("server namespace disconnect");
        client.connect("/");
        client.assertHealthy();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void disconnectWithCloseEndsTheConnection(Kind kind) {
        start();
        io.of("/admin");
        EioClient healthy = connected(kind.other());
        EioClient client = connected(kind);
        client.connect("/admin");
        SioSocket main = socket(client);
        main.disconnect(true);
        // every namespace hears of it before the connection closes
        List<String> got = new ArrayList<>(List.of(client.nextText(), client.nextText()));
        assertThat(got).containsExactlyInAnyOrder("41", "41/admin,");
        assertThat(reason(main.id())).isEqualTo("server namespace disconnect");
        client.awaitClosed();
        if (kind == Kind.POLLING) {
            assertThat(client.drain()).containsExactly(Frame.text("1"));
        }
        healthy.assertHealthy();
    }

    // ---- reserved names and bad packets ----

    @ParameterizedTest
    @EnumSource(Kind.class)
    void serverCannotEmitReservedEvents(Kind kind) {
        start();
        EioClient client = connected(kind);
        SioSocket socket = socket(client);
        for (String reserved : List.of("connect", "connect_error", "disconnect", "disconnecting", "newListener",
                "removeListener")) {
            assertThatThrownBy(() -> socket.emit(reserved)).isInstanceOf(SwitchboardException.class);
            assertThatThrownBy(() -> socket.emitWithAck(reserved)).isInstanceOf(SwitchboardException.class);
            assertThatThrownBy(() -> io.emit(reserved)).isInstanceOf(SwitchboardException.class);
            assertThatThrownBy(() -> io.to("r").emit(reserved)).isInstanceOf(SwitchboardException.class);
            assertThatThrownBy(() -> io.timeout(Duration.ofSeconds(1)).emitWithAck(reserved))
                    .isInstanceOf(SwitchboardException.class);
        }
        client.assertHealthy(); // nothing was sent
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void attachmentWithoutBinaryPacketAndTextWhileAttachmentsAreDueClose(Kind kind) {
        start();
        EioClient healthy = connected(kind.other());
        EioClient client1 = connected(kind);
        client1.sendBinary(new byte[] {1});
        assertThat(reason(client1.id())).isEqualTo("parse error");
        EioClient client2 = connected(kind);
        client2.send("452-[\"ev\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
        client2.sendBinary(new byte[] {1});
        client2.send("42[\"echo\"]");
        assertThat(reason(client2.id())).isEqualTo("parse error");
        healthy.assertHealthy();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void serverShutdownDisconnectsEverySocket(Kind kind) {
        start();
        EioClient client = connected(kind);
        SioSocket socket = socket(client);
        server.close();
        assertThat(reason(socket.id())).isEqualTo("server shutting down");
        client.awaitClosed();
    }
}
