package dev.switchboard.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import dev.switchboard.protocol.sc.ScCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The byte side of one WebSocket: sends frames from any thread, closes with a code, and remembers the
 * code the connection ended with. Outbound bytes are bounded by the channel's write-buffer high-water
 * mark; {@link WsFrameHandler} disconnects the socket when it is passed.
 */
final class SocketConnection {
    private static final int MAX_REASON_BYTES = 123;

    private final Channel channel;
    private final WireOut out;
    private volatile int closeCode = 1006;
    private volatile String closeReason = "";
    volatile long lastSeenNanos = System.nanoTime();

    // Batching: packets collect here and leave as one JSON-array frame per interval.
    private final ReentrantLock batchLock = new ReentrantLock();
    private volatile boolean batching;
    private List<String> batch = new ArrayList<>();
    private ScheduledFuture<?> batchFlusher;

    SocketConnection(Channel channel) {
        this.channel = channel;
        this.out = new WireOut(channel);
    }

    /** Where frames written on the event loop go in; see {@link WireOut}. */
    WireOut out() {
        return out;
    }

    Channel channel() {
        return channel;
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** Sends one encoded packet, or adds it to the current batch. */
    void send(String text) {
        if (out.closed) {
            return; // RFC 6455: no data after the close frame; and a cut-off slow consumer must not keep buffering
        }
        if (batching && addToBatch(text)) {
            return;
        }
        sendFrame(text);
    }

    void send(SharedFrame frame) {
        if (out.closed) {
            return;
        }
        if (batching && addToBatch(frame.text())) {
            return;
        }
        channel.writeAndFlush(frame.wire(), channel.voidPromise());
    }

    /** Sends a frame as it is, never batched: pings and pongs. */
    void sendFrame(String text) {
        if (out.closed) {
            return;
        }
        channel.writeAndFlush(TextFrames.of(text), channel.voidPromise());
    }

    /**
     * Sends a ping on the event loop, flushed with whatever else this loop pass writes to the channel
     * (under fan-out load a ping then costs no write syscall of its own).
     */
    void sendPing(String text) {
        if (out.closed) {
            return;
        }
        out.writeFrame(TextFrames.of(text));
        LoopFlusher.of(channel.eventLoop()).mark(out);
    }

    private boolean addToBatch(String text) {
        batchLock.lock();
        try {
            if (!batching) {
                return false;
            }
            batch.add(text);
            return true;
        } finally {
            batchLock.unlock();
        }
    }

    void startBatch(Duration interval) {
        batchLock.lock();
        try {
            if (batching) {
                return;
            }
            batching = true;
            long nanos = interval.toNanos();
            batchFlusher = channel.eventLoop().scheduleAtFixedRate(this::flushBatch, nanos, nanos, TimeUnit.NANOSECONDS);
        } finally {
            batchLock.unlock();
        }
    }

    void flushBatch() {
        List<String> out;
        batchLock.lock();
        try {
            if (batch.isEmpty()) {
                return;
            }
            out = batch;
            batch = new ArrayList<>();
        } finally {
            batchLock.unlock();
        }
        sendFrame(out.size() == 1 ? out.get(0) : ScCodec.batch(out));
    }

    void stopBatch() {
        batchLock.lock();
        try {
            batching = false;
            if (batchFlusher != null) {
                batchFlusher.cancel(false);
                batchFlusher = null;
            }
        } finally {
            batchLock.unlock();
        }
        flushBatch();
    }

    /** Stops batching and drops what was collected. */
    void cancelBatch() {
        batchLock.lock();
        try {
            batch = new ArrayList<>();
        } finally {
            batchLock.unlock();
        }
        stopBatch();
    }

    boolean isBatching() {
        return batching;
    }

    boolean isClosing() {
        return out.closed;
    }

    /**
     * Sends a close frame and closes. A peer that does not read its buffered data would never see the
     * frame, so the connection is cut after a grace period regardless.
     */
    void close(int code, String reason) {
        if (out.closed) {
            return;
        }
        out.closed = true;
        closeCode = code;
        closeReason = reason;
        channel.writeAndFlush(new CloseWebSocketFrame(code, truncate(reason))).addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> channel.close(), 2, TimeUnit.SECONDS);
    }

    /** Closes the TCP connection without a close frame. */
    void terminate() {
        closedWith(1006, "");
        channel.close();
    }

    /** Records the code the peer closed with, unless the server already chose one. */
    void peerClosed(int code, String reason) {
        if (!out.closed) {
            out.closed = true;
            closeCode = code < 0 ? 1005 : code;
            closeReason = reason;
        }
    }

    /** Records a code for a close the transport already performs (such as the decoder's 1009). */
    void closedWith(int code, String reason) {
        if (!out.closed) {
            out.closed = true;
            closeCode = code;
            closeReason = reason;
        }
    }

    int closeCode() {
        return closeCode;
    }

    String closeReason() {
        return closeReason;
    }

    long outboundBufferedBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    private static String truncate(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        return new String(bytes, 0, MAX_REASON_BYTES, StandardCharsets.UTF_8).replace("\uFFFD", "");
    }
}
