package dev.switchboard.client;

import dev.switchboard.core.Payload;
import dev.switchboard.protocol.sc.ScCodec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Package-internal: the way out for transmits and invokes. While open (and nothing is buffered) a call
 * goes straight to the connection's send queue; otherwise it waits in a bounded FIFO buffer, each call
 * with its ack timeout, until the next handshake flushes it. A full send queue or buffer fails the call
 * with {@link OutboundOverflowException}. Guarded by the client's lock.
 */
final class OutboundBuffer {
    private final ClientCore core;

    // ---- guarded by the lock ----
    private final ArrayDeque<Call> outbound = new ArrayDeque<>();

    OutboundBuffer(ClientCore core) {
        this.core = core;
    }

    void transmit(String event, Object data, Duration ackTimeout) {
        Objects.requireNonNull(event, "event");
        OptionChecks.checkDuration("ackTimeout", ackTimeout, false);
        Payload payload = encoded(data);
        submit(new Call(event, payload, null), ackTimeout);
    }

    /** Sends (or buffers) an invoke whose reply goes to {@code handler}; throws on overflow. */
    void call(String event, Payload payload, Duration ackTimeout, ReplyHandler handler) {
        submit(new Call(event, payload, handler), ackTimeout);
    }

    /** Sends {@code call} now if open and nothing is buffered before it, else buffers it. */
    private void submit(Call call, Duration ackTimeout) {
        core.lock.lock();
        try {
            core.checkNotTerminated();
            prepareToSend();
            if (core.state == ClientState.OPEN && outbound.isEmpty()) {
                checkSendQueue();
                if (call.handler == null) {
                    core.connection.send(ScCodec.transmit(call.event, call.data));
                } else {
                    core.calls.startTimer(call, ackTimeout);
                    core.calls.send(core.connection, call);
                }
            } else {
                buffer(call, ackTimeout);
            }
        } finally {
            core.lock.unlock();
        }
    }

    /** The stale-socket check of client 19.2.4+, then connect if closed, as the official client. */
    private void prepareToSend() {
        if (core.heartbeat.isStale()) {
            core.lifecycle.disconnectLocked(1000, "Stale socket was disconnected by the client to initiate a new connection");
        }
        core.lifecycle.connectLocked();
    }

    private void checkSendQueue() {
        int queued = core.connection.queued();
        if (queued >= core.options.outboundQueueLimit()) {
            throw new OutboundOverflowException(queued + " frames are waiting to be sent on the connection to "
                    + core.options.uri() + " (outboundQueueLimit " + core.options.outboundQueueLimit() + ")");
        }
    }

    private void buffer(Call call, Duration ackTimeout) {
        if (outbound.size() >= core.options.outboundQueueLimit()) {
            throw new OutboundOverflowException(outbound.size() + " calls are already buffered while the client is "
                    + core.state.name().toLowerCase(Locale.ROOT) + " (outboundQueueLimit "
                    + core.options.outboundQueueLimit() + ")");
        }
        core.calls.startTimer(call, ackTimeout);
        outbound.add(call);
    }

    /** Sends what was buffered, in order, on the newly open {@code conn}. */
    void flush(Connection conn) {
        Call call;
        while ((call = outbound.poll()) != null) {
            if (call.handler == null) {
                ClientThreads.cancel(call.timer);
                conn.send(ScCodec.transmit(call.event, call.data));
            } else {
                core.calls.send(conn, call);
            }
        }
    }

    /** Takes a buffered call out (its ack timeout ran out). */
    void remove(Call call) {
        outbound.remove(call);
    }

    /** Moves every buffered call to {@code into}, for failing them. */
    void drainTo(List<Call> into) {
        into.addAll(outbound);
        outbound.clear();
    }

    /** Drops every buffered call without an answer: the client was closed. */
    void discard() {
        for (Call call : outbound) {
            ClientThreads.cancel(call.timer);
        }
        outbound.clear();
    }

    /** Sends a raw frame, unbatched; only while open. */
    void send(String frame) {
        Objects.requireNonNull(frame, "frame");
        core.lock.lock();
        try {
            if (core.state != ClientState.OPEN) {
                throw new IllegalStateException("cannot send a raw frame while " + core.state);
            }
            core.connection.sendUnbatched(frame);
        } finally {
            core.lock.unlock();
        }
    }

    static Payload encoded(Object data) {
        Payload payload = Payload.of(Objects.requireNonNull(data, "data (use Payload.none())"));
        if (!payload.isNone()) {
            payload.json(); // encode outside the lock, and fail the caller early if it cannot be encoded
        }
        return payload;
    }
}
