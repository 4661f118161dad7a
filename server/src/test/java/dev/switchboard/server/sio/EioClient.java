package dev.switchboard.server.sio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw Engine.IO v4 client over one transport. Every received packet is queued as a {@link Frame},
 * except noops ({@code 6}) and, with auto-pong on (the default), pings ({@code 2}), which are counted
 * and answered with {@code 3}. Every wait is bounded.
 */
abstract class EioClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final Pattern OPEN = Pattern.compile(
            "0\\{\"sid\":\"([A-Za-z0-9_-]{20})\",\"upgrades\":\\[(\"websocket\")?],\"pingInterval\":\\d+,"
                    + "\"pingTimeout\":\\d+,\"maxPayload\":\\d+}");
    private static final Pattern SIO_SID = Pattern.compile("\\{\"sid\":\"([A-Za-z0-9_-]{20})\"}");

    final int port;
    final LinkedBlockingQueue<Frame> inbox = new LinkedBlockingQueue<>();
    final AtomicInteger pings = new AtomicInteger();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    volatile boolean autoPong = true;
    /** Socket.IO socket ids by namespace, as the CONNECT replies gave them. */
    final java.util.Map<String, String> ids = new java.util.concurrent.ConcurrentHashMap<>();
    String openPacket;
    String sid;

    EioClient(int port, boolean autoPong) {
        this.port = port;
        this.autoPong = autoPong;
    }

    /** Which transport. */
    enum Kind {
        POLLING, WEBSOCKET;

        EioClient open(int port, boolean autoPong) {
            return this == POLLING ? PollingClient.open(port, true, autoPong) : WsClient.open(port, autoPong);
        }

        Kind other() {
            return this == POLLING ? WEBSOCKET : POLLING;
        }
    }

    abstract Kind kind();

    /** Sends one Engine.IO text packet, e.g. {@code 42["ev"]} or {@code 3}. */
    abstract void send(String packet);

    /** Cuts the transport without a goodbye. */
    @Override
    public abstract void close();

    /** Sends one binary message (a Socket.IO attachment). */
    abstract void sendBinary(byte[] data);

    final void opened(String open) {
        Matcher m = OPEN.matcher(open);
        assertThat(m.matches()).as("open packet %s", open).isTrue();
        this.openPacket = open;
        this.sid = m.group(1);
    }

    /** A received packet; pings and noops are handled by the transport. */
    final void received(Frame frame) {
        if (!frame.isBinary() && frame.text().equals("6")) {
            return;
        }
        if (!frame.isBinary() && frame.text().equals("2")) {
            pings.incrementAndGet();
            if (autoPong) {
                Thread.ofVirtual().start(() -> {
                    try {
                        send("3");
                    } catch (RuntimeException | AssertionError ignored) {
                        // the session may be gone already
                    }
                });
                return;
            }
        }
        inbox.add(frame);
    }

    // ---- receiving ----

    Frame next() {
        return next(WAIT);
    }

    Frame next(Duration timeout) {
        try {
            Frame f = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (f == null) {
                throw new AssertionError(kind() + " client " + sid + ": nothing received within " + timeout
                        + (closed.isDone() ? " (closed)" : ""));
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    String nextText() {
        Frame f = next();
        assertThat(f.isBinary()).as("expected a text packet, got %s", f).isFalse();
        return f.text();
    }

    byte[] nextBinary() {
        Frame f = next();
        assertThat(f.isBinary()).as("expected binary, got %s", f).isTrue();
        return f.binary();
    }

    void expectText(String exact) {
        assertThat(nextText()).isEqualTo(exact);
    }

    /** Asserts nothing (but pings/noops) arrives within {@code quiet}. */
    void expectNothing(Duration quiet) {
        try {
            Frame f = inbox.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(f).as("unexpected packet").isNull();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Everything queued now, without waiting. */
    List<Frame> drain() {
        List<Frame> out = new ArrayList<>();
        inbox.drainTo(out);
        return out;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    void awaitClosed() {
        awaitClosed(WAIT);
    }

    void awaitClosed(Duration timeout) {
        try {
            SioTestSupport.waitAtMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (!closed.isDone()) {
                    poke();
                }
                return closed.isDone();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(kind() + " client " + sid + " not closed within " + timeout, e);
        }
    }

    /**
     * Makes the transport notice a connection the server cut without a goodbye (a TCP close is only
     * seen when writing). Must not change the session's state.
     */
    void poke() {}

    // ---- Socket.IO helpers ----

    /** Joins {@code nsp} ("/" for the main namespace) and returns the Socket.IO socket id. */
    String connect(String nsp) {
        return connect(nsp, null);
    }

    String connect(String nsp, String authJson) {
        String prefix = nsp.equals("/") ? "" : nsp + ",";
        send("40" + prefix + (authJson == null ? "" : authJson));
        String reply = nextText();
        assertThat(reply).as("CONNECT reply").startsWith("40" + prefix);
        Matcher m = SIO_SID.matcher(reply.substring(2 + prefix.length()));
        assertThat(m.matches()).as("CONNECT reply %s", reply).isTrue();
        assertThat(m.group(1)).isNotEqualTo(sid);
        ids.put(nsp, m.group(1));
        return m.group(1);
    }

    /** The socket id on the main namespace. */
    String id() {
        return ids.get("/");
    }

    /** Asserts that an {@code echo} with ack round-trips on the main namespace: the connection is alive. */
    void assertHealthy() {
        String token = "t" + System.nanoTime();
        send("42917[\"echo\",\"" + token + "\"]");
        assertThat(nextText()).isEqualTo("43917[\"" + token + "\"]");
    }
}
