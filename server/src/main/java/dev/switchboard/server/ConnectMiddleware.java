package dev.switchboard.server;

/**
 * A namespace's connection check ({@code nsp.use}). Return normally to admit the socket; throw to
 * refuse it: the client's {@code connect_error} gets the exception's message, and with {@link
 * SioConnectException} also its {@code data}. Runs on the connection's virtual thread and may block.
 */
@FunctionalInterface
public interface ConnectMiddleware {
    void check(SioSocket socket) throws Exception;
}
