package dev.switchboard.client;

import dev.switchboard.core.internal.SerialExecutor;
import dev.switchboard.protocol.sc.ScCodec;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Package-internal: one connection attempt of a {@link DefaultClient} and, once open, its WebSocket.
 *
 * <p>Inbound: complete frames, the close and a transport error are queued in order ({@link #inbound}) and
 * handled (non-blocking work only) on a virtual thread. A frame is requested only once one is handled,
 * so a slow client pushes back on TCP instead of queueing without bound.
 *
 * <p>Outbound: java.net.http allows one outstanding send per WebSocket, so frames wait in a FIFO send
 * queue (its own short lock) and are written one after the other as each send completes. Fields other
 * than the send queue are guarded by the client's lock.
 */
final class Connection implements WebSocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final long CLOSE_GRACE_MILLIS = 1000;
    /** Frames the JDK may deliver before the client has handled the previous ones (see {@link #frame}). */
    private static final int READ_AHEAD = 1;
    private static final long LISTENER_TASK_WAIT_MILLIS = 1000;

    private final ClientCore core;

    // Guarded by the client's lock.
    WebSocket ws;
    boolean closed;
    ScheduledFuture<?> connectTimer;
    ScheduledFuture<?> pingTimer;
    ScheduledFuture<?> batchStopTimer;
    Duration pingTimeout;
    long lastPingNanos = System.nanoTime();
    Optional<String> handshakeToken = Optional.empty();

    // Send queue, guarded by sendLock.
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private List<String> batch;
    private boolean sending;
    private boolean outputClosed;
    private WebSocket sendSocket;

    /** Inbound events (frames, the close, a transport error), handled one at a time in arrival order. */
    private final SerialExecutor inbound = new SerialExecutor(ClientThreads.VIRTUAL, this::failed);
    private StringBuilder partialText; // inbound assembly: only the JDK's sequential listener calls touch it
    private ByteBuffer partialBinary;

    Connection(ClientCore core, Duration initialPingTimeout) {
        this.core = core;
        this.pingTimeout = initialPingTimeout;
    }

    // ---- outbound ----

    /** Queues a frame (into the batch while batching). Dropped once the output is closed. */
    void send(String frame) {
        enqueue(frame, true);
    }

    /** Queues a frame, never batched: pings' pongs. */
    void sendUnbatched(String frame) {
        enqueue(frame, false);
    }

    private void enqueue(String frame, boolean batchable) {
        sendLock.lock();
        try {
            if (outputClosed) {
                return;
            }
            if (batchable && batch != null) {
                batch.add(frame);
                return;
            }
            queue.add(frame);
            if (sending || sendSocket == null) {
                return;
            }
            sending = true;
        } finally {
            sendLock.unlock();
        }
        pump();
    }

    /** Frames waiting to be written, batched ones included. */
    int queued() {
        sendLock.lock();
        try {
            return queue.size() + (batch == null ? 0 : batch.size());
        } finally {
            sendLock.unlock();
        }
    }

    void startBatch() {
        sendLock.lock();
        try {
            if (batch == null && !outputClosed) {
                batch = new ArrayList<>();
            }
        } finally {
            sendLock.unlock();
        }
    }

    /** Sends what is batched as one JSON-array frame; keeps batching. */
    void flushBatch() {
        sendLock.lock();
        try {
            if (batch == null || batch.isEmpty() || outputClosed) {
                return;
            }
            queue.add(ScCodec.batch(batch));
            batch = new ArrayList<>();
            if (sending || sendSocket == null) {
                return;
            }
            sending = true;
        } finally {
            sendLock.unlock();
        }
        pump();
    }

    /** Sends what is batched and stops batching. */
    void stopBatch() {
        flushBatch();
        sendLock.lock();
        try {
            batch = null;
        } finally {
            sendLock.unlock();
        }
    }

    boolean isBatching() {
        sendLock.lock();
        try {
            return batch != null;
        } finally {
            sendLock.unlock();
        }
    }

    /** Makes the socket writable: frames queued before the open go out now. */
    void attach(WebSocket socket) {
        sendLock.lock();
        try {
            sendSocket = socket;
            if (sending || queue.isEmpty() || outputClosed) {
                return;
            }
            sending = true;
        } finally {
            sendLock.unlock();
        }
        pump();
    }

    /** Writes queued frames one at a time; the caller has set {@code sending}. */
    private void pump() {
        while (true) {
            String next;
            WebSocket socket;
            sendLock.lock();
            try {
                next = outputClosed ? null : queue.poll();
                if (next == null) {
                    sending = false;
                    return;
                }
                socket = sendSocket;
            } finally {
                sendLock.unlock();
            }
            CompletableFuture<WebSocket> sent;
            try {
                sent = socket.sendText(next, true);
            } catch (RuntimeException e) {
                sendFailed(e);
                return;
            }
            if (!sent.isDone()) {
                sent.whenComplete((w, error) -> {
                    if (error != null) {
                        sendFailed(error);
                    } else {
                        pump();
                    }
                });
                return;
            }
            if (sent.isCompletedExceptionally()) {
                sent.whenComplete((w, error) -> sendFailed(error));
                return;
            }
        }
    }

    private void sendFailed(Throwable error) {
        sendLock.lock();
        try {
            sending = false;
            outputClosed = true;
            queue.clear();
        } finally {
            sendLock.unlock();
        }
        inbound.execute(() -> core.lifecycle.onTransportError(this, error));
    }

    /**
     * Closes the output: drops what is queued, sends a close frame (or aborts when the code cannot be
     * sent), and aborts the socket shortly after if the server does not finish the close handshake.
     */
    void close(int code, String reason) {
        WebSocket socket;
        sendLock.lock();
        try {
            outputClosed = true;
            queue.clear();
            batch = null;
            socket = sendSocket;
        } finally {
            sendLock.unlock();
        }
        if (socket == null) {
            return; // still opening: the open callback aborts it (closed is set)
        }
        boolean sendable = code == 1000 || (code >= 3000 && code <= 4999);
        if (!sendable || socket.isOutputClosed()) {
            socket.abort();
            return;
        }
        try {
            socket.sendClose(code, truncate(reason)).whenComplete((w, e) ->
                    ClientThreads.schedule(socket::abort, CLOSE_GRACE_MILLIS));
        } catch (RuntimeException e) {
            socket.abort();
        }
    }

    /** Drops the connection at once. */
    void abort() {
        WebSocket socket;
        sendLock.lock();
        try {
            outputClosed = true;
            queue.clear();
            batch = null;
            socket = sendSocket;
        } finally {
            sendLock.unlock();
        }
        if (socket != null) {
            socket.abort();
        }
    }

    /** A close reason must fit in 123 UTF-8 bytes. */
    static String truncate(String reason) {
        if (reason.getBytes(StandardCharsets.UTF_8).length <= 123) {
            return reason;
        }
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < reason.length(); ) {
            int cp = reason.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > 120) {
                break;
            }
            sb.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return sb.append("...").toString();
    }

    // ---- inbound (WebSocket.Listener) ----

    @Override
    public void onOpen(WebSocket webSocket) {
        core.opener.onOpen(this, webSocket);
        webSocket.request(1 + READ_AHEAD);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            if (partialText == null) {
                partialText = new StringBuilder();
            }
            partialText.append(data);
        } else {
            String text;
            if (partialText == null) {
                text = data.toString();
            } else {
                text = partialText.append(data).toString();
                partialText = null;
            }
            frame(webSocket, text);
            return null;
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (!last || partialBinary != null) {
            ByteBuffer grown = ByteBuffer.allocate((partialBinary == null ? 0 : partialBinary.position()) + data.remaining());
            if (partialBinary != null) {
                partialBinary.flip();
                grown.put(partialBinary);
            }
            grown.put(data);
            partialBinary = grown;
        }
        if (last) {
            ByteBuffer whole = partialBinary == null ? data : partialBinary.flip();
            partialBinary = null;
            frame(webSocket, StandardCharsets.UTF_8.decode(whole).toString());
            return null;
        }
        webSocket.request(1);
        return null;
    }

    /**
     * Hands a complete frame to the client on a virtual thread, then asks for one more (its read-ahead
     * slot is free again).
     *
     * <p>Why not in the listener call: java.net.http (JDK 21 to 25) loses an EOF read while the
     * transport's demand is zero ({@code acknowledgeReception} throws {@code InternalError}; neither
     * {@code onClose} nor {@code onError} follows). So a frame, which may wake code that ends the
     * connection, is handled only after the JDK's listener task has asked for more input, that is once
     * its thread (one virtual thread per task) has ended, with one frame of spare demand meanwhile.
     */
    private void frame(WebSocket webSocket, String text) {
        Thread listenerTask = Thread.currentThread();
        inbound.execute(() -> {
            awaitEnd(listenerTask);
            try {
                core.inbound.onFrame(this, text);
            } finally {
                webSocket.request(1);
            }
        });
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        inbound.execute(() -> core.lifecycle.onServerClose(this, statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        inbound.execute(() -> core.lifecycle.onTransportError(this, error));
    }

    private static void awaitEnd(Thread listenerTask) {
        if (listenerTask == Thread.currentThread()) {
            return; // our request(1) ran the JDK's task inline: it asked for input before this frame came
        }
        try {
            listenerTask.join(LISTENER_TASK_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A handler's throw is a client bug: end the connection, and never throw (that would stop {@link #inbound}). */
    private void failed(Throwable error) {
        try {
            core.lifecycle.onTransportError(this, error);
        } catch (RuntimeException | Error again) {
            again.addSuppressed(error);
            LOG.error("Switchboard client: handling an inbound event failed", again);
        }
    }
}
