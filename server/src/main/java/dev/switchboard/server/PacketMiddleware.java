package dev.switchboard.server;

/**
 * A socket's per-packet check ({@code socket.use}): sees each incoming event before its handler.
 * Throwing drops the event and reports the error to the socket's {@code error} handler.
 */
@FunctionalInterface
public interface PacketMiddleware {
    void check(String event, EventArgs args) throws Exception;
}
