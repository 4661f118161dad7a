package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.server.MetricsListener;
import dev.switchboard.server.MetricsSource;
import dev.switchboard.server.MetricsSource.Transport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The counters a metrics exporter reads through SwitchboardServer.metrics(). */
class MetricsSourceTest extends HttpTestSupport {

    @Test
    void connectionsAreCountedPerTransport() {
        start();
        MetricsSource metrics = server.metrics();
        assertThat(metrics.openConnections(Transport.SOCKETCLUSTER)).isZero();
        ScClient socket = sc();
        SioClient sio = sio();
        SseClient stream = sse("?channel=a");
        assertThat(metrics.openConnections(Transport.SOCKETCLUSTER)).isEqualTo(1);
        assertThat(metrics.openConnections(Transport.SOCKET_IO)).isEqualTo(1);
        assertThat(metrics.openConnections(Transport.SSE)).isEqualTo(1);
        assertThat(metrics.acceptedConnections()).isGreaterThanOrEqualTo(3);
        socket.close();
        sio.close();
        await().atMost(WAIT).until(() -> metrics.openConnections(Transport.SOCKETCLUSTER) == 0
                && metrics.openConnections(Transport.SOCKET_IO) == 0);
        assertThat(stream).isNotNull();
    }

    @Test
    void messagesPublishesAndTheirTimesAreCounted() {
        start();
        MetricsSource metrics = server.metrics();
        List<Boolean> completed = new CopyOnWriteArrayList<>();
        MetricsListener listener = (nanos, accepted) -> {
            assertThat(nanos).isNotNegative();
            completed.add(accepted);
        };
        metrics.addListener(listener);
        ScClient socket = sc();
        socket.subscribe("m");
        SseClient stream = sse("?channel=m");
        long in = metrics.messagesIn();
        long out = metrics.messagesOut();

        publish("m", "x");
        socket.nextPublication();
        stream.nextEvent();
        socket.call("#publish", java.util.Map.of("channel", "m", "data", "y")); // one in, its reply and two publications out
        socket.nextPublication();
        stream.nextEvent();

        assertThat(metrics.publishes()).isEqualTo(2);
        assertThat(metrics.publishFailures()).isZero();
        assertThat(metrics.publishesInFlight()).isZero();
        assertThat(completed).containsExactly(true, true);
        assertThat(metrics.messagesIn() - in).isEqualTo(1);
        await().atMost(WAIT).until(() -> metrics.messagesOut() - out >= 5);
        metrics.removeListener(listener);
        publish("m", "z");
        assertThat(completed).hasSize(2);
    }

    @Test
    void everyFanOutDeliveryIsCountedOnce() {
        start();
        MetricsSource metrics = server.metrics();
        List<ScClient> subscribers = List.of(sc(), sc(), sc());
        subscribers.forEach(s -> s.subscribe("f"));
        long out = metrics.messagesOut();

        for (int i = 0; i < 5; i++) {
            publish("f", "n" + i); // shared frames, written past the metrics handler: counted by WireOut
        }
        for (ScClient s : subscribers) {
            for (int i = 0; i < 5; i++) {
                assertThat(s.nextPublication()).containsEntry("data", "n" + i);
            }
        }
        assertThat(metrics.messagesOut() - out).as("3 subscribers x 5 publications, each counted once").isEqualTo(15);
    }
}
