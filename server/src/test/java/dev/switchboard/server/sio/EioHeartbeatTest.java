package dev.switchboard.server.sio;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.switchboard.server.sio.SioTestSupport.waitAtMost;

import dev.switchboard.server.sio.EioClient.Kind;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The server-driven Engine.IO v4 heartbeat, over both transports. */
class EioHeartbeatTest extends SioTestSupport {
    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private void startWithShortHeartbeat() {
        start(b -> b.pingInterval(INTERVAL).pingTimeout(TIMEOUT));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void serverPingsAfterPingIntervalAndPongsKeepTheSessionAlive(Kind kind) {
        startWithShortHeartbeat();
        long t0 = System.nanoTime();
        EioClient client = openWithoutAutoPong(kind);
        client.connect("/");
        client.expectText("2");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(INTERVAL.minusMillis(50));
        client.send("3");
        // answered: the next ping comes, one interval later, although pingTimeout has passed meanwhile
        long t1 = System.nanoTime();
        client.expectText("2");
        assertThat(Duration.ofNanos(System.nanoTime() - t1)).isGreaterThanOrEqualTo(INTERVAL.minusMillis(50));
        client.send("3");
        client.expectText("2");
        client.send("3");
        client.assertHealthy();
        assertThat(reasons).doesNotContainKey(client.id());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void autoPongingClientStaysConnectedOverManyIntervals(Kind kind) {
        startWithShortHeartbeat();
        EioClient client = connected(kind);
        waitAtMost(WAIT).until(() -> client.pings.get() >= 4);
        client.assertHealthy();
        assertThat(client.isClosed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void missingPongClosesWithPingTimeout(Kind kind) {
        startWithShortHeartbeat();
        EioClient healthy = connected(kind.other());
        long t0 = System.nanoTime();
        EioClient client = openWithoutAutoPong(kind);
        client.connect("/");
        client.expectText("2");
        assertThat(reason(client.id())).isEqualTo("ping timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .isGreaterThanOrEqualTo(INTERVAL.plus(TIMEOUT).minusMillis(50));
        client.awaitClosed();
        if (kind == Kind.POLLING) {
            assertThat(client.drain()).containsExactly(Frame.text("1"));
        }
        healthy.assertHealthy();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void clientPingIsTheWrongDirectionAndCloses(Kind kind) {
        start();
        EioClient healthy = connected(kind.other());
        EioClient client = connected(kind);
        client.send("2");
        assertThat(reason(client.id())).isEqualTo("transport error");
        client.awaitClosed();
        healthy.assertHealthy();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void clientClosePacketClosesWithTransportClose(Kind kind) {
        start();
        EioClient healthy = connected(kind.other());
        EioClient client = connected(kind);
        client.send("1");
        assertThat(reason(client.id())).isEqualTo("transport close");
        client.awaitClosed();
        healthy.assertHealthy();
    }

    @org.junit.jupiter.api.Test
    void webSocketMessageOverMaxHttpBufferSizeClosesTheConnection() {
        start(b -> b.maxHttpBufferSize(2048));
        EioClient healthy = connected(Kind.POLLING);
        EioClient client = connected(Kind.WEBSOCKET);
        client.send("42[\"echo\",\"" + "x".repeat(3000) + "\"]");
        assertThat(reason(client.id())).isIn("transport close", "transport error");
        client.awaitClosed();
        healthy.assertHealthy();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void invalidPacketTypeClosesWithParseError(Kind kind) {
        start();
        EioClient healthy = connected(kind.other());
        EioClient client = connected(kind);
        if (client instanceof PollingClient polling) {
            assertThat(polling.postRaw("7oops").status()).isEqualTo(400);
        } else {
            client.send("7oops");
        }
        assertThat(reason(client.id())).isEqualTo("parse error");
        client.awaitClosed();
        healthy.assertHealthy();
    }
}
