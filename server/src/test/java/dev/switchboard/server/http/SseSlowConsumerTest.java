package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.server.MetricsSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Backpressure: an SSE client that stops reading is cut off and counted; a reading one keeps up. */
class SseSlowConsumerTest extends HttpTestSupport {
    private static final int LIMIT = 64 * 1024;
    private static final int MAX_MESSAGES = 100_000; // 400 MB: fails rather than loops forever

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aStreamThatStopsReadingIsDisconnectedAndCounted() throws Exception {
        start(b -> b.outboundBufferLimit(LIMIT));
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            stalled.setSoTimeout(5000);
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /sse?channel=firehose HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitText(stalled.getInputStream(), "retry:"); // subscribed; from now on it reads nothing

            SseClient reader = sse("?channel=firehose");
            String pad = "p".repeat(4096);
            int sent = 0;
            while (server.metrics().slowConsumerDisconnects() == 0) {
                assertThat(sent).as("slow SSE consumer still connected after %d messages", sent).isLessThan(MAX_MESSAGES);
                for (int i = 0; i < 4; i++, sent++) {
                    server.exchange().invokePublish("firehose", Map.of("i", sent, "pad", pad)).join();
                }
                for (int i = sent - 4; i < sent; i++) {
                    assertThat(reader.nextEvent().id()).isEqualTo(String.valueOf(i));
                }
            }
            assertThat(server.metrics().slowConsumerDisconnects()).isEqualTo(1);
            await().atMost(WAIT).until(() -> server.metrics().openConnections(MetricsSource.Transport.SSE) == 1);
            server.exchange().invokePublish("firehose", Map.of("i", sent)).join();
            assertThat(reader.nextEvent().id()).isEqualTo(String.valueOf(sent));
        }
    }

    private static void awaitText(InputStream in, String text) throws Exception {
        StringBuilder seen = new StringBuilder();
        while (seen.indexOf(text) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the stream ended before '" + text + "': " + seen);
            }
            seen.append((char) b);
        }
    }
}
