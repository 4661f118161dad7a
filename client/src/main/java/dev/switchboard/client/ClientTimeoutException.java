package dev.switchboard.client;

import dev.switchboard.core.RemoteException;
import java.util.Map;

/**
 * No reply arrived within the call's ack timeout: sc-errors' {@code TimeoutError} ({@link #name()} is
 * {@code "TimeoutError"}). Also what an {@code invoke} gets when the server has no handler for the
 * procedure, which SocketCluster never answers. Immutable; safe to pass between threads.
 */
public final class ClientTimeoutException extends RemoteException {
    private static final long serialVersionUID = 1L;

    public ClientTimeoutException(String message) {
        super("TimeoutError", message, Map.of());
    }
}
