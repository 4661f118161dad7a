package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.stream.StreamConsumer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** The outbound buffer limit: a client that stops reading is cut off, memory stays bounded. */
class BackpressureTest extends ServerTestSupport {
    private static final int LIMIT = 64 * 1024;
    private static final int MESSAGE_BYTES = 4 * 1024;
    /** Published between two checks; a burst over the limit would cut off even a fast reader. */
    private static final int BATCH = 4;
    /** 400 MB: far more than the kernel buffers of both ends absorb; the test fails rather than loop forever. */
    private static final int MAX_MESSAGES = 100_000;

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void aClientThatStopsReadingIsDisconnectedAsSlowConsumerWhileOthersGetEverything() {
        start(b -> b.outboundBufferLimit(LIMIT));
        StreamConsumer<ServerEvents.Subscription> subscriptions = events(ServerEvents.SUBSCRIPTION);
        StreamConsumer<ServerEvents.Disconnection> closures =
                track(server.listener(ServerEvents.CLOSURE).createConsumer(Duration.ofSeconds(15)));
        StreamConsumer<ServerEvents.Disconnection> disconnections =
                track(server.listener(ServerEvents.DISCONNECTION).createConsumer(Duration.ofSeconds(15)));

        RawSocket reader = connect();
        reader.handshake();
        reader.subscribe("firehose");
        assertThat(subscriptions.next().socket().id()).isEqualTo(reader.id());

        RawHttp.StalledSocket stalled = track(RawHttp.openStalled(port(), "/socketcluster/"));
        stalled.sendText(Wire.q("{'event':'#handshake','data':{'authToken':null},'cid':1}"));
        stalled.sendText(Wire.q("{'event':'#subscribe','data':{'channel':'firehose'},'cid':2}"));
        ServerSocket slow = subscriptions.next().socket();
        assertThat(slow.id()).isNotEqualTo(reader.id());

        String pad = "p".repeat(MESSAGE_BYTES);
        long maxBuffered = 0;
        int sent = 0;
        while (server.stats().slowConsumerDisconnects() == 0) {
            assertThat(sent).as("slow consumer still connected after %d messages", sent).isLessThan(MAX_MESSAGES);
            sent = publishBatch(reader, pad, sent);
            maxBuffered = Math.max(maxBuffered, slow.outboundBufferedBytes());
        }
        // bounded: the limit plus what arrives while the event loop reacts; without the cut-off this
        // grows by megabytes a second
        assertThat(maxBuffered).isLessThanOrEqualTo(16L * LIMIT);

        // while the cut-off socket waits for its close, publishing goes on and nothing more queues for it
        // (but what raced with the cut-off, and the close frame itself)
        long atCutOff = slow.outboundBufferedBytes() + 2L * BATCH * (MESSAGE_BYTES + 512) + 1024;
        for (int i = 0; i < 50; i++) {
            sent = publishBatch(reader, pad, sent);
            assertThat(slow.outboundBufferedBytes()).isLessThanOrEqualTo(atCutOff);
        }

        ServerEvents.Disconnection closure = closures.next();
        assertThat(closure.socket().id()).isEqualTo(slow.id());
        assertThat(closure.code()).isEqualTo(CloseCodes.SLOW_CONSUMER);
        ServerEvents.Disconnection disconnection = disconnections.next();
        assertThat(disconnection.socket().id()).isEqualTo(slow.id());
        assertThat(disconnection.code()).isEqualTo(CloseCodes.SLOW_CONSUMER);

        assertThat(server.stats().slowConsumerDisconnects()).isEqualTo(1);

        server.exchange().transmitPublish("firehose", Map.of("i", sent, "pad", "last"));
        assertThat(reader.nextJson().at("/data/data/i").asInt()).isEqualTo(sent);
        assertThat(reader.isClosed()).isFalse();
        assertThat(server.clients()).extracting(ServerSocket::id).containsExactly(reader.id());
    }

    /** Publishes {@link #BATCH} messages numbered from {@code sent}; the reader must have them all before it returns. */
    private int publishBatch(RawSocket reader, String pad, int sent) {
        for (int i = 0; i < BATCH; i++) {
            server.exchange().transmitPublish("firehose", Map.of("i", sent + i, "pad", pad));
        }
        for (int i = 0; i < BATCH; i++) {
            JsonNode frame = reader.nextJson();
            assertThat(frame.at("/data/data/i").asInt()).isEqualTo(sent + i);
        }
        return sent + BATCH;
    }

    @Test
    void aFastReaderIsNeverCutOff() {
        start(b -> b.outboundBufferLimit(LIMIT));
        RawSocket reader = connect();
        reader.handshake();
        reader.subscribe("steady");
        String pad = "q".repeat(1024);
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 16; i++) { // 16 KiB per round: well under the limit
                server.exchange().transmitPublish("steady", Map.of("n", round * 16 + i, "pad", pad));
            }
            for (int i = 0; i < 16; i++) {
                assertThat(reader.nextJson().at("/data/data/n").asInt()).isEqualTo(round * 16 + i);
            }
        }
        assertThat(reader.isClosed()).isFalse();
        assertThat(server.stats().slowConsumerDisconnects()).isZero();
    }
}
