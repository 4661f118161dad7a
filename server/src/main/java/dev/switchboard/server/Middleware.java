package dev.switchboard.server;

/**
 * Decides on one {@link Action}: call {@link Action#allow()}, {@link Action#allow(Object)} or {@link
 * Action#block(Throwable)}. A middleware that returns without deciding denies the action (the client
 * gets a {@code SilentMiddlewareBlockedError}); one that throws blocks it with the thrown error. Nothing
 * is allowed by default.
 *
 * <p>Runs on the socket's inbound virtual thread (the upgrade's, for {@link ActionType#HANDSHAKE_WS}),
 * so it may block; while it does, that socket's later packets wait, and other sockets are unaffected.
 */
@FunctionalInterface
public interface Middleware {
    void handle(Action action) throws Exception;
}
