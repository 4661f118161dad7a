package dev.switchboard.server.sio;

import static dev.switchboard.server.sio.SioTestSupport.waitAtMost;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.SioSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The polling → WebSocket upgrade: probe, noop, switch, flush, timeout and refusals. */
class EioUpgradeTest extends SioTestSupport {

    private static void assertBadRequest(Http.Response r) {
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.text()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
    }

    @Test
    void probeNoopSwitchAndFlushOfBufferedPackets() {
        start();
        PollingClient polling = idlePolling();
        SioSocket socket = joinIdle(polling);
        Http.Call get = Http.pendingGet(port(), polling.target());
        WsClient ws = track(WsClient.probe(port(), polling.sid));
        ws.send("2probe");
        ws.expectText("3probe");
        // the pending poll is released with a noop so the client can pause polling
        assertThat(get.await().text()).isEqualTo("6");
        // and so is any poll arriving while the probe is on
        Http.Call again = Http.startGet(port(), polling.target());
        assertThat(again.await().text()).isEqualTo("6");
        // packets sent meanwhile wait in the polling buffer...
        socket.emit("during", 1);
        socket.emit("bin", new byte[] {9, 8, 7});
        ws.expectNothing(Duration.ofMillis(100));
        ws.send("5");
        // ...and leave over the WebSocket once it is the transport, text and binary frames in order
        ws.expectText("42[\"during\",1]");
        ws.expectText("451-[\"bin\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(ws.nextBinary()).containsExactly(9, 8, 7);
        // same session, same socket
        ws.ids.put("/", socket.id());
        ws.assertHealthy();
        socket.emit("after");
        ws.expectText("42[\"after\"]");
        assertThat(reasons).doesNotContainKey(socket.id());
        // polling is over for this session
        assertBadRequest(Http.get(port(), polling.target()));
        assertBadRequest(Http.post(port(), polling.target(), "42[\"echo\"]"));
        // and no second WebSocket
        assertThat(WsClient.refusedStatus(port(), polling.sid)).isEqualTo(400);
        ws.assertHealthy();
        get.close();
        again.close();
    }

    @Test
    void upgradeWithoutPendingGetAndHeartbeatOverTheNewTransport() {
        start(b -> b.pingInterval(Duration.ofMillis(200)).pingTimeout(Duration.ofMillis(300)));
        PollingClient polling = idlePolling();
        SioSocket socket = joinIdle(polling);
        WsClient ws = track(WsClient.probe(port(), polling.sid));
        ws.send("2probe");
        ws.expectText("3probe");
        ws.send("5");
        ws.ids.put("/", socket.id());
        // the ping that was due while upgrading was buffered for polling, and now leaves over WS;
        // the probe client pongs automatically, so the session outlives several intervals
        waitAtMost(WAIT).until(() -> ws.pings.get() >= 3);
        ws.assertHealthy();
        assertThat(reasons).doesNotContainKey(socket.id());
    }

    @Test
    void upgradeTimeoutCancelsTheProbeAndPollingGoesOn() {
        // long enough for a cold JVM to send 2probe in time
        start(b -> b.upgradeTimeout(Duration.ofMillis(1000)));
        PollingClient polling = polling();
        polling.connect("/");
        long t0 = System.nanoTime();
        WsClient ws = track(WsClient.probe(port(), polling.sid));
        ws.send("2probe");
        ws.expectText("3probe");
        ws.awaitClosed();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        polling.assertHealthy();
        assertThat(reasons).doesNotContainKey(polling.id());
        // a later upgrade may still succeed
        WsClient second = track(WsClient.probe(port(), polling.sid));
        second.send("2probe");
        second.expectText("3probe");
    }

    @Test
    void anyOtherPacketDuringTheProbeCancelsTheUpgrade() {
        start();
        PollingClient polling = polling();
        polling.connect("/");
        WsClient ws = track(WsClient.probe(port(), polling.sid));
        ws.send("2probe");
        ws.expectText("3probe");
        ws.send("42[\"echo\"]");
        ws.awaitClosed();
        polling.assertHealthy();
    }

    @Test
    void aSecondWebSocketWhileProbingIsRefused() {
        start();
        PollingClient polling = idlePolling();
        SioSocket socket = joinIdle(polling);
        WsClient ws = track(WsClient.probe(port(), polling.sid));
        ws.send("2probe");
        ws.expectText("3probe");
        Http.Response second = Http.upgrade(port(), "/socket.io/?EIO=4&transport=websocket&sid=" + polling.sid);
        assertBadRequest(second);
        ws.send("5");
        ws.ids.put("/", socket.id());
        ws.assertHealthy();
    }

    @Test
    void upgradeRefusedWhenUpgradesAreOff() {
        start(b -> b.allowUpgrades(false));
        PollingClient polling = polling();
        polling.connect("/");
        assertThat(WsClient.refusedStatus(port(), polling.sid)).isEqualTo(400);
        polling.assertHealthy();
    }

    @Test
    void aRepeatedProbeLeavesNoNoopTimerBehind() {
        start();
        PollingClient polling = idlePolling();
        SioSocket socket = joinIdle(polling);
        WsClient ws = track(WsClient.probe(port(), polling.sid));
        ws.send("2probe");
        ws.expectText("3probe");
        ws.send("2probe");
        ws.expectText("3probe");
        ws.send("3"); // not part of the probe: the upgrade is cancelled
        ws.awaitClosed();
        // polling is back to normal: a pending GET waits for data instead of getting noops
        Http.Call get = Http.pendingGet(port(), polling.target());
        waitAtMost(WAIT).during(QUIET).until(() -> !get.isDone());
        socket.emit("data");
        assertThat(get.await().text()).isEqualTo("42[\"data\"]");
        get.close();
    }

    @Test
    void theProbeSocketClosesWithItsSession() {
        start();
        EioClient healthy = connected(EioClient.Kind.WEBSOCKET);
        PollingClient polling = idlePolling();
        SioSocket socket = joinIdle(polling);
        WsClient ws = track(WsClient.probe(port(), polling.sid));
        ws.send("2probe");
        ws.expectText("3probe");
        socket.disconnect(true);
        ws.awaitClosed();
        assertThat(Http.get(port(), polling.target()).text()).isEqualTo("41");
        assertThat(Http.get(port(), polling.target()).text()).isEqualTo("1");
        healthy.assertHealthy();
    }

    @Test
    void noPacketIsLostOrReorderedWhileTheTransportSwitches() throws Exception {
        start();
        for (int round = 0; round < 3; round++) {
            assertNothingLostAcrossTheSwitch(socket -> n -> socket.emit("n", n));
        }
    }

    @Test
    void noRoomBroadcastIsLostOrReorderedWhileTheTransportSwitches() throws Exception {
        start();
        for (int round = 0; round < 3; round++) {
            String room = "r" + round;
            // the room's prepared recipients must move the socket from polling to its WebSocket
            assertNothingLostAcrossTheSwitch(socket -> {
                socket.join(room);
                return n -> io.to(room).emit("n", n);
            });
        }
    }

    @Test
    void noBroadcastToEveryoneIsLostOrReorderedWhileTheTransportSwitches() throws Exception {
        start();
        // the namespace's prepared sockets must move the socket from polling to its WebSocket
        assertNothingLostAcrossTheSwitch(socket -> n -> io.emit("n", n));
    }

    /** Emits without pause while a polling session upgrades; every packet must arrive once, in order. */
    private void assertNothingLostAcrossTheSwitch(java.util.function.Function<SioSocket, java.util.function.IntConsumer> emitterFor)
            throws Exception {
        PollingClient polling = idlePolling();
        SioSocket socket = joinIdle(polling);
        java.util.function.IntConsumer emit = emitterFor.apply(socket);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger emitted = new java.util.concurrent.atomic.AtomicInteger();
        // paced only to keep the polling buffer small
        Thread emitter = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                emit.accept(emitted.getAndIncrement());
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            }
        });
        List<String> got = new ArrayList<>();
        got.addAll(List.of(Http.get(port(), polling.target()).text().split("\u001e")));
        WsClient ws = track(WsClient.probe(port(), polling.sid));
        ws.send("2probe");
        ws.expectText("3probe");
        for (String element : Http.get(port(), polling.target()).text().split("\u001e")) {
            if (!element.equals("6")) {
                got.add(element);
            }
        }
        ws.send("5");
        int overWs = 0;
        while (overWs++ < 200) {
            got.add(ws.nextText());
        }
        stop.set(true);
        emitter.join();
        while (got.size() < emitted.get()) {
            got.add(ws.nextText());
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < emitted.get(); i++) {
            expected.add("42[\"n\"," + i + "]");
        }
        assertThat(got).isEqualTo(expected);
        ws.expectNothing(Duration.ofMillis(20));
        ws.close();
        polling.close();
    }
}
