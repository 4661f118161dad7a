package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A SocketCluster peer made of raw WebSocket frames (JDK {@link WebSocket}), for asserting the
 * protocol exactly. Every inbound text message is queued, except pings ({@code ""} in protocol 2,
 * {@code #1} in protocol 1), which are counted and, when {@link #autoPong(boolean) auto-pong} is on,
 * answered with the matching pong. Every wait is bounded.
 */
final class RawSocket implements AutoCloseable {
    /** How a connection ended, as the client saw it; 1006 when it was cut without a close frame. */
    record Close(int code, String reason) {}

    static final Duration WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();

    private final String ping;
    private final String pong;
    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final AtomicLong cids = new AtomicLong();
    private volatile boolean autoPong;
    private volatile WebSocket ws;
    private volatile String id;

    private RawSocket(int protocolVersion, boolean autoPong) {
        this.ping = protocolVersion == 1 ? "#1" : "";
        this.pong = protocolVersion == 1 ? "#2" : "";
        this.autoPong = autoPong;
    }

    static RawSocket connect(URI uri) {
        return connect(uri, 2, true, Map.of());
    }

    static RawSocket connect(URI uri, int protocolVersion, boolean autoPong, Map<String, String> headers) {
        RawSocket socket = new RawSocket(protocolVersion, autoPong);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        try {
            socket.ws = builder.buildAsync(uri, socket.new Listener()).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to " + uri, e);
        }
        return socket;
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

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
                dispatch(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                dispatch(binary.toString(StandardCharsets.UTF_8));
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            webSocket.request(1); // the JDK answers WebSocket-level pings itself
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Close(1006, String.valueOf(error)));
        }
    }

    private void dispatch(String message) {
        if (message.equals(ping)) {
            pings.incrementAndGet();
            if (autoPong) {
                Thread.ofVirtual().start(() -> {
                    try {
                        send(pong);
                    } catch (RuntimeException ignored) {
                        // the socket closed meanwhile
                    }
                });
            }
            return;
        }
        frames.add(message);
    }

    // ---- sending ----

    void send(String text) {
        sendLock.lock();
        try {
            ws.sendText(text, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("send failed: " + text.substring(0, Math.min(80, text.length())), e);
        } finally {
            sendLock.unlock();
        }
    }

    /** Sends one text message as several frames: a text frame, then continuations. */
    void sendFragments(String... parts) {
        sendLock.lock();
        try {
            for (int i = 0; i < parts.length; i++) {
                ws.sendText(parts[i], i == parts.length - 1).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("fragmented send failed", e);
        } finally {
            sendLock.unlock();
        }
    }

    void sendBinary(byte[] bytes) {
        sendLock.lock();
        try {
            ws.sendBinary(ByteBuffer.wrap(bytes), true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("binary send failed", e);
        } finally {
            sendLock.unlock();
        }
    }

    /** Sends a close frame; the server's answer shows up in {@link #awaitClose()}. */
    void sendClose(int code, String reason) {
        sendLock.lock();
        try {
            ws.sendClose(code, reason).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("close failed", e);
        } finally {
            sendLock.unlock();
        }
    }

    long nextCid() {
        return cids.incrementAndGet();
    }

    void transmit(String event, String dataJson) {
        send("{\"event\":" + Wire.str(event) + ",\"data\":" + dataJson + "}");
    }

    /** Sends an RPC and returns its cid without waiting. */
    long call(String event, String dataJson) {
        long cid = nextCid();
        send("{\"event\":" + Wire.str(event) + ",\"data\":" + dataJson + ",\"cid\":" + cid + "}");
        return cid;
    }

    /** Sends an RPC and returns its reply; frames arriving before the reply are discarded. */
    JsonNode invoke(String event, String dataJson) {
        return awaitReply(call(event, dataJson));
    }

    /** {@code #handshake} without a token; asserts the next frame is its reply and returns it. */
    JsonNode handshake() {
        return handshake(null);
    }

    JsonNode handshake(String authToken) {
        long cid = nextCid();
        String token = authToken == null ? "null" : Wire.str(authToken);
        send("{\"event\":\"#handshake\",\"data\":{\"authToken\":" + token + "},\"cid\":" + cid + "}");
        JsonNode reply = nextJson();
        assertThat(Wire.isReplyTo(reply, cid)).as("handshake reply %s", reply).isTrue();
        if (reply.has("data") && reply.get("data").has("id")) {
            id = reply.get("data").get("id").asString();
        }
        return reply;
    }

    /** Subscribes with {@code #subscribe} and asserts the {@code {"rid":n}} reply. */
    void subscribe(String channel) {
        long cid = call("#subscribe", "{\"channel\":" + Wire.str(channel) + "}");
        String reply = next();
        Wire.assertWire(reply, "{'rid':" + cid + "}");
    }

    /** The socket id from the handshake reply. */
    String id() {
        return id;
    }

    // ---- receiving ----

    /** The next non-ping frame; fails after {@link #WAIT}. */
    String next() {
        return next(WAIT);
    }

    String next(Duration timeout) {
        try {
            String frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                fail("no frame within " + timeout + (closed.isDone() ? "; socket closed: " + closed.join() : ""));
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode nextJson() {
        return Wire.parse(next());
    }

    /** Skips frames until one matches. */
    String awaitFrame(Predicate<String> predicate) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return fail("no matching frame within " + WAIT);
            }
            String frame = next(Duration.ofNanos(left));
            if (predicate.test(frame)) {
                return frame;
            }
        }
    }

    JsonNode awaitJson(Predicate<JsonNode> predicate) {
        return Wire.parse(awaitFrame(f -> predicate.test(Wire.parse(f))));
    }

    JsonNode awaitReply(long cid) {
        return awaitJson(n -> Wire.isReplyTo(n, cid));
    }

    /** Asserts nothing but pings arrives within {@code window}. */
    void assertNoFrame(Duration window) {
        try {
            String frame = frames.poll(window.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("unexpected frame").isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Frames received and not consumed yet. */
    int queued() {
        return frames.size();
    }

    int pings() {
        return pings.get();
    }

    void autoPong(boolean on) {
        autoPong = on;
    }

    Close awaitClose() {
        return awaitClose(WAIT);
    }

    Close awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("socket still open after " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the TCP connection without a close frame. */
    @Override
    public void close() {
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
        closed.complete(new Close(1006, "aborted by test"));
    }
}
