package dev.switchboard.client;

import dev.switchboard.core.SwitchboardException;

/**
 * A call was refused because {@link ClientOptions#outboundQueueLimit()} calls already wait to be sent
 * (buffered while not connected, or queued behind a slow network). Nothing was sent and nothing else
 * was dropped; retry later or slow down. Immutable; safe to pass between threads.
 */
public final class OutboundOverflowException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    public OutboundOverflowException(String message) {
        super(message);
    }
}
