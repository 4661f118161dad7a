package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.stream.StreamConsumer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Server pings as text frames, pong enforcement (spec §1.4). */
class PingPongTest extends ServerTestSupport {

    @Test
    void protocol2PingsAreEmptyTextFramesFromOpen() {
        start(b -> b.pingInterval(Duration.ofMillis(100)));
        RawSocket client = connect(2, false);
        // before any handshake
        await().atMost(WAIT).until(() -> client.pings() >= 3);
        assertThat(client.queued()).as("pings are the only frames").isZero();
        client.autoPong(true);
        client.handshake();
    }

    @Test
    void protocol1PingsAreHash1AndHash2KeepsTheSocketAlive() {
        start(b -> b.protocolVersion(1).pingInterval(Duration.ofMillis(100)).pingTimeout(Duration.ofMillis(800)));
        serveEcho();
        RawSocket client = track(RawSocket.connect(uri(), 1, true, java.util.Map.of()));
        client.handshake();
        awaitReady(client);
        int start = client.pings();
        await().atMost(WAIT).until(() -> client.pings() >= start + 20); // 2 s: two and a half pingTimeouts
        assertThat(client.isClosed()).isFalse();
        assertEchoes(client);
    }

    @Test
    void protocol1DoesNotTakeAnEmptyFrameAsPong() {
        start(b -> b.protocolVersion(1).pingInterval(Duration.ofMillis(100)).pingTimeout(Duration.ofMillis(400)));
        RawSocket client = track(RawSocket.connect(uri(), 1, false, java.util.Map.of()));
        client.handshake();
        StreamConsumer<ServerEvents.Disconnection> disconnections = events(ServerEvents.DISCONNECTION);
        await().atMost(WAIT).until(() -> client.pings() >= 1);
        RawSocket.Close close = client.awaitClose();
        assertThat(close.code()).isEqualTo(4001);
        assertThat(disconnections.next().code()).isEqualTo(4001);
    }

    @Test
    void noPongWithinPingTimeoutClosesWith4001() {
        start(b -> b.pingInterval(Duration.ofMillis(100)).pingTimeout(Duration.ofMillis(500)));
        StreamConsumer<ServerEvents.Disconnection> disconnections = events(ServerEvents.DISCONNECTION);
        RawSocket client = connect(2, false);
        client.handshake();
        long started = System.nanoTime();
        RawSocket.Close close = client.awaitClose();
        assertThat(close.code()).isEqualTo(4001);
        assertThat(close.reason()).isEqualTo("Client pong timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        ServerEvents.Disconnection disconnection = disconnections.next();
        assertThat(disconnection.code()).isEqualTo(4001);
        assertThat(disconnection.socket().id()).isEqualTo(client.id());
        assertThat(client.pings()).isPositive();
    }

    @Test
    void answeringPingsKeepsTheSocketAlivePastPingTimeout() {
        start(b -> b.pingInterval(Duration.ofMillis(100)).pingTimeout(Duration.ofMillis(800)));
        serveEcho();
        RawSocket client = connectReady();
        await().atMost(WAIT).until(() -> client.pings() >= 20); // 2 s: two and a half pingTimeouts
        assertThat(client.isClosed()).isFalse();
        assertEchoes(client);
    }

    @Test
    void pingTimeoutDisabledNeverClosesSilentClients() {
        start(b -> b.pingInterval(Duration.ofMillis(100)).pingTimeout(Duration.ofMillis(300)).pingTimeoutDisabled(true));
        RawSocket client = connect(2, false);
        client.handshake();
        await().atMost(WAIT).until(() -> client.pings() >= 10); // 1 s of silence: over three pingTimeouts
        assertThat(client.isClosed()).isFalse();
        assertThat(server.clients()).hasSize(1);
    }
}
