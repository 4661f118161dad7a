package dev.switchboard.server.sio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.server.SioSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code SwitchboardServer.shutdown} for Socket.IO over Engine.IO long-polling, with a client that
 * polls on one keep-alive connection as browsers and the official client do: what was emitted before
 * the shutdown still leaves, then the close packet, then the server closes the connection and the
 * shutdown ends without waiting for its deadline. (WebSocket sessions: {@code http.GracefulShutdownTest}.)
 */
class EioPollingShutdownTest extends SioTestSupport {
    private static final int BURST = 50;
    private static final int SESSIONS = 200;
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void packetsQueuedBetweenTwoPollsLeaveOnTheNextPollsThenTheClosePacket() {
        start();
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        Http.Call connection = Http.pendingGet(port(), client.target());
        socket.emit("bye", 0);
        assertThat(connection.await().text()).isEqualTo("42[\"bye\",0]"); // answered: no poll pending now
        for (int i = 1; i < BURST; i++) {
            socket.emit("bye", i);
        }

        Thread shutdown = Thread.ofVirtual().start(() -> server.shutdown(DEADLINE));
        waitAtMost(WAIT).until(() -> reasons.containsKey(socket.id()));
        assertThat(reasons).containsEntry(socket.id(), "server shutting down");

        List<String> received = new ArrayList<>();
        String body;
        do {
            connection.write(Http.getRequest(client.target()).getBytes(StandardCharsets.ISO_8859_1));
            Http.Response poll = connection.await();
            assertThat(poll.status()).as("poll after %s", received).isEqualTo(200);
            body = poll.text();
            received.addAll(List.of(body.split("\u001e")));
        } while (!body.equals("1") && received.size() <= BURST);

        List<String> expected = new ArrayList<>();
        for (int i = 1; i < BURST; i++) {
            expected.add("42[\"bye\"," + i + "]");
        }
        expected.add("1");
        assertThat(received).isEqualTo(expected);
        assertThatThrownBy(connection::await).as("the server closes the connection after the close packet")
                .hasMessageContaining("connection ended");
        waitAtMost(WAIT).until(() -> !shutdown.isAlive()); // well before the deadline: nothing left to drain
    }

    /**
     * {@code close()} (no drain) answers every pending poll of many sessions with the close packet.
     * {@code EioCloseRaceTest} forces the interleaving in which the event loops are late meanwhile.
     */
    @Test
    void closeAnswersEveryPendingPollWithTheClosePacketBeforeTheLoopsStop() {
        start();
        List<Http.Call> polls = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            polls.add(track(Http.pendingGet(port(), idlePolling().target())));
        }

        server.close();

        for (int i = 0; i < SESSIONS; i++) {
            Http.Response answer;
            try {
                answer = polls.get(i).await();
            } catch (RuntimeException | AssertionError cut) {
                throw new AssertionError("poll " + i + " of " + SESSIONS + " got no answer", cut);
            }
            assertThat(answer.status()).as("poll %s", i).isEqualTo(200);
            assertThat(answer.text()).as("poll %s", i).isEqualTo("1");
        }
    }

    @Test
    void aPendingPollIsAnsweredWithTheClosePacket() {
        start();
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        Http.Call connection = Http.pendingGet(port(), client.target());

        Thread shutdown = Thread.ofVirtual().start(() -> server.shutdown(DEADLINE));
        assertThat(connection.await().text()).isEqualTo("1");
        assertThatThrownBy(connection::await).hasMessageContaining("connection ended");
        waitAtMost(WAIT).until(() -> !shutdown.isAlive());
        assertThat(reasons).containsEntry(socket.id(), "server shutting down");
    }
}
