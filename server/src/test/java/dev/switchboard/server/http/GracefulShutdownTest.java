package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.CloseCodes;
import dev.switchboard.server.MetricsSource;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SwitchboardServer;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SwitchboardServer.shutdown: every protocol's clients see the documented close, after everything
 * that was accepted before it.
 */
class GracefulShutdownTest extends HttpTestSupport {
    private static final int BURST = 200;

    @Test
    void clientsOfEveryProtocolGetAllAcceptedPublicationsThenTheDocumentedClose() throws Exception {
        start();
        CompletableFuture<String> sioReason = new CompletableFuture<>();
        server.socketIo().of("/").onConnection(socket -> {
            socket.join("all");
            socket.onDisconnect(sioReason::complete);
        });
        ScClient socket = sc();
        socket.subscribe("jobs");
        SseClient stream = sse("?channel=jobs");
        SioClient sio = sio();

        for (int i = 0; i < BURST; i++) {
            publish("jobs", i); // 202: accepted
        }
        post("/api/broadcast", "{\"event\":\"bye\",\"data\":\"soon\"}", "X-Api-Key", KEY);
        server.shutdown(Duration.ofSeconds(5));

        for (int i = 0; i < BURST; i++) {
            assertThat(socket.nextPublication()).isEqualTo(Map.of("channel", "jobs", "data", i));
            assertThat(stream.nextEvent().data()).isEqualTo(String.valueOf(i));
        }
        assertThat(socket.awaitClose()).isEqualTo(new WsClient.Close(CloseCodes.GOING_AWAY, "Server is shutting down"));
        assertThat(stream.awaitEnd()).isEqualTo("server shutting down");
        assertThat(sio.next()).isEqualTo("42[\"bye\",\"soon\"]");
        sio.awaitClose();
        assertThat(sioReason.get(5, TimeUnit.SECONDS)).isEqualTo("server shutting down");
        assertThat(server.metrics().openConnections(MetricsSource.Transport.SSE)).isZero();
    }

    @Test
    void afterShutdownNothingIsAccepted() {
        start();
        int port = server.port();
        server.shutdown(Duration.ofSeconds(2));
        server.shutdown(Duration.ofSeconds(2)); // idempotent
        assertThat(CompletableFuture.supplyAsync(() -> {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return "connected";
            } catch (ConnectException e) {
                return "refused";
            } catch (java.io.IOException e) {
                return e.toString();
            }
        }).join()).isEqualTo("refused");
    }

    @Test
    void aStuckClientIsCutAtTheDeadline() {
        start();
        ScClient stuck = new ScClient() {
            @Override
            public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket ws, int code, String reason) {
                super.onClose(ws, code, reason);
                return new CompletableFuture<>(); // never answers the close frame
            }
        };
        stuck.open(http, wsUri(server.options().path()));
        track(stuck);
        long start = System.nanoTime();
        server.shutdown(Duration.ofMillis(500));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(stuck.awaitClose().code()).isEqualTo(CloseCodes.GOING_AWAY);
    }

    @Test
    void aServerNeverStartedJustCloses() {
        SwitchboardServer never = SwitchboardServer.create(ServerOptions.builder().port(0)
                .httpApi(dev.switchboard.server.HttpApiOptions.builder().apiKeys(List.of(KEY)).build()).build());
        never.shutdown(Duration.ofSeconds(1));
        never.close();
    }
}
