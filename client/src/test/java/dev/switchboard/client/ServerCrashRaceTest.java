package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * The server ends the TCP connection while the client is still handling the frame before it (the test
 * thread wakes on the connect event, which the client emits while handling the handshake reply).
 * java.net.http drops that end of stream if its listener call is still running (see
 * {@code Connection.frame}); before the client queued its inbound events, 13 of 310 repeats saw no
 * disconnect at all.
 */
@Timeout(20)
class ServerCrashRaceTest {
    private TestServer server;
    private SwitchboardClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @RepeatedTest(60)
    void aConnectionEndedDuringTheHandshakeReplyIsSeenAsHungUp() throws Exception {
        server = TestServer.start();
        client = SwitchboardClient.create(server.clientOptions().build());
        var disconnects = client.listener(ClientEvents.DISCONNECT).createConsumer(Duration.ofSeconds(5));
        var connects = client.listener(ClientEvents.CONNECT).createConsumer(Duration.ofSeconds(5));
        connects.next();
        server.nextSocket().terminate();
        ClientEvents.Close close = disconnects.next();
        assertThat(close.code()).isEqualTo(1006);
        assertThat(close.reason()).isEqualTo("Socket hung up");
    }
}
