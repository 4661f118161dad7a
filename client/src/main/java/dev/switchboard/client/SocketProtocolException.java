package dev.switchboard.client;

import dev.switchboard.core.RemoteException;
import java.util.Map;

/**
 * A connection closed abnormally or could not be established: sc-errors' {@code SocketProtocolError}
 * ({@link #name()} is {@code "SocketProtocolError"}, field {@code code}). Emitted on the {@code error}
 * listener for every close other than 1000/1001, and the failure of a {@link SwitchboardClient#connect()}
 * future. The message says what happened: a refused TCP connection (with the {@link #getCause() cause},
 * e.g. {@link java.net.ConnectException}), an HTTP status for a refused upgrade (e.g. a wrong path gives
 * HTTP 400), or the close code and reason of a rejected handshake. Immutable; safe to pass between threads.
 */
public final class SocketProtocolException extends RemoteException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;

    public SocketProtocolException(String message, int code, String reason) {
        super("SocketProtocolError", message, Map.of("code", code));
        this.code = code;
        this.reason = reason;
    }

    public SocketProtocolException(String message, int code, String reason, Throwable cause) {
        this(message, code, reason);
        if (cause != null) {
            initCause(cause);
        }
    }

    /** The WebSocket close code (1006 when the connection could not be opened). */
    public int code() {
        return code;
    }

    /** The close reason. */
    public String reason() {
        return reason;
    }
}
