package dev.switchboard.server;

/**
 * Handles one Socket.IO event. Runs on the connection's virtual thread, one event at a time and in
 * order; it may block, which delays only this connection's later packets. A thrown exception is
 * reported to the server's error listener; the socket stays connected.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(EventArgs args, Ack ack) throws Exception;
}
