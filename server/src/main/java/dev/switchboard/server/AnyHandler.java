package dev.switchboard.server;

/**
 * A catch-all listener ({@code onAny}, {@code onAnyOutgoing}): the event name, its arguments, and its
 * acknowledgement. For incoming events {@code ack} is the event's real callback ({@link Ack#requested()}
 * tells whether the sender asked for one); for outgoing events it only tells whether an
 * acknowledgement is expected, and {@code send} does nothing.
 */
@FunctionalInterface
public interface AnyHandler {
    void handle(String event, EventArgs args, Ack ack);
}
