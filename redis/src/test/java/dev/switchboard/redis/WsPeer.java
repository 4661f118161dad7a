package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A raw WebSocket peer (JDK client) for the multi-node tests: queues every text message, answers
 * protocol pings through {@code autoReply} (a message mapped to a non-null answer is answered and not
 * queued), and bounds every wait. {@link ScPeer} and {@link SioPeer} speak the two protocols on it.
 */
class WsPeer implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();

    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    /** Messages a {@link #next} skipped; only the test thread touches it. */
    private final java.util.List<String> backlog = new java.util.ArrayList<>();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final UnaryOperator<String> autoReply;
    private final WebSocket ws;

    WsPeer(URI uri, UnaryOperator<String> autoReply) {
        this.autoReply = autoReply;
        try {
            this.ws = HTTP.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, new Listener())
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to " + uri, e);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                String reply = autoReply.apply(message);
                if (reply != null) {
                    Thread.ofVirtual().start(() -> send(reply));
                } else {
                    frames.add(message);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    final void send(String text) {
        sendLock.lock();
        try {
            ws.sendText(text, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("send failed", e);
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * The next message matching {@code filter}; messages that do not match stay queued for later calls.
     * Fails after {@code wait}.
     */
    final String next(Predicate<String> filter, Duration wait) {
        String earlier = takeFromBacklog(filter);
        if (earlier != null) {
            return earlier;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String frame = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
                assertThat(frame).as("a matching message within %s", wait).isNotNull();
                if (filter.test(frame)) {
                    return frame;
                }
                backlog.add(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String takeFromBacklog(Predicate<String> filter) {
        for (var it = backlog.iterator(); it.hasNext(); ) {
            String frame = it.next();
            if (filter.test(frame)) {
                it.remove();
                return frame;
            }
        }
        return null;
    }

    /** Asserts that no message matching {@code filter} arrives within {@code quiet} (or is queued already). */
    final void assertNone(Predicate<String> filter, Duration quiet) {
        String earlier = takeFromBacklog(filter);
        assertThat(earlier).as("unexpected message").isNull();
        long deadline = System.nanoTime() + quiet.toNanos();
        try {
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                String frame = frames.poll(left, TimeUnit.NANOSECONDS);
                if (frame != null) {
                    assertThat(filter.test(frame)).as("unexpected message %s", frame).isFalse();
                    backlog.add(frame);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode parse(String text) {
        return JSON.readTree(text);
    }

    @Override
    public void close() {
        ws.abort();
    }
}
