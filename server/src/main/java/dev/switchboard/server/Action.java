package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import java.util.Map;
import java.util.Optional;

/**
 * One thing a middleware may allow or block: an upgrade, a handshake, a frame, a packet or an outbound
 * publication. Decide exactly once; a second decision throws.
 */
public interface Action {
    ActionType type();

    /** The socket, for every type but {@link ActionType#HANDSHAKE_WS}. */
    Optional<ServerSocket> socket();

    /** The HTTP upgrade request. */
    HandshakeRequest request();

    /** The receiver or procedure name, for transmit and invoke. */
    Optional<String> event();

    /** The channel, for subscribe, publishIn and publishOut. */
    Optional<String> channel();

    /** The action's data: the packet's data, the raw frame text, or the publication. */
    Payload data();

    /** The verified token, when the socket or handshake carries one. */
    Optional<Map<String, Object>> authToken();

    /** The signed token as sent by the client. */
    Optional<String> signedAuthToken();

    /** Set when the socket's token expired just before this action. */
    Optional<RemoteException> authTokenExpiredError();

    /** Lets the action through unchanged. */
    void allow();

    /** Lets the action through with {@code data} in place of the original. */
    void allow(Object data);

    /** Blocks the action; the client receives {@code error} (its name, message and fields). */
    void block(Throwable error);

    /** Blocks the action with a {@code SilentMiddlewareBlockedError}. */
    void block();
}
