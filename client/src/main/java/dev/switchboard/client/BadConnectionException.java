package dev.switchboard.client;

import dev.switchboard.core.RemoteException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call that could not complete because its connection ended: sc-errors' {@code BadConnectionError}
 * ({@link #name()} is {@code "BadConnectionError"}, the fields carry {@code type}, {@code code} and
 * {@code reason}). Invokes waiting for a reply, and calls buffered while connecting, fail with it when the
 * connection closes; the call may or may not have reached the server. Immutable; safe to pass between
 * threads.
 */
public final class BadConnectionException extends RemoteException {
    private static final long serialVersionUID = 1L;

    /** The connection closed after the handshake. */
    public static final String DISCONNECT = "disconnect";
    /** The connection attempt failed before the handshake completed. */
    public static final String CONNECT_ABORT = "connectAbort";

    private final String type;
    private final int code;
    private final String reason;

    public BadConnectionException(String message, String type, int code, String reason) {
        super("BadConnectionError", message, fields(type, code, reason));
        this.type = type;
        this.code = code;
        this.reason = reason;
    }

    private static Map<String, Object> fields(String type, int code, String reason) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", type);
        f.put("code", code);
        f.put("reason", reason);
        return f;
    }

    /** {@link #DISCONNECT} or {@link #CONNECT_ABORT}. */
    public String type() {
        return type;
    }

    /** The WebSocket close code of the connection. */
    public int code() {
        return code;
    }

    /** The close reason, possibly empty. */
    public String reason() {
        return reason;
    }
}
