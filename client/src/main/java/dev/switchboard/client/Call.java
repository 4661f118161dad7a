package dev.switchboard.client;

import dev.switchboard.core.Payload;
import java.util.concurrent.ScheduledFuture;

/**
 * Package-internal: a transmit ({@code handler == null}) or invoke, buffered or awaiting its reply.
 * Guarded by the client's lock.
 */
final class Call {
    final String event;
    final Payload data;
    final ReplyHandler handler;
    ScheduledFuture<?> timer;
    long cid;
    boolean done;

    Call(String event, Payload data, ReplyHandler handler) {
        this.event = event;
        this.data = data;
        this.handler = handler;
    }
}
