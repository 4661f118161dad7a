package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The events a server and its sockets emit, as typed keys and records. Names match SocketCluster's.
 * A listener stream only sees events emitted after its consumer exists: create the consumer first.
 */
public final class ServerEvents {
    private ServerEvents() {}

    /** A socket completed its handshake. */
    public record Connection(ServerSocket socket, String id, Duration pingTimeout, boolean isAuthenticated,
            Optional<RemoteException> authError) {}

    /** A socket closed: {@code disconnection} (after handshake), {@code connectionAbort} (before) or {@code closure} (both). */
    public record Disconnection(ServerSocket socket, int code, String reason) {}

    /** A socket finished its WebSocket upgrade and awaits {@code #handshake}. */
    public record Handshake(ServerSocket socket) {}

    /** A socket subscribed to a channel; {@code options} is the client's subscribe data minus the channel. */
    public record Subscription(ServerSocket socket, String channel, Payload options) {}

    /** A socket left a channel. */
    public record Unsubscription(ServerSocket socket, String channel) {}

    /** A socket became authenticated with {@code authToken}. */
    public record Authentication(ServerSocket socket, Map<String, Object> authToken) {}

    /** A socket's auth state changed. */
    public record AuthStateChange(ServerSocket socket, AuthState oldAuthState, AuthState newAuthState,
            Optional<Map<String, Object>> authToken) {}

    /** A socket dropped its auth token. */
    public record Deauthentication(ServerSocket socket, Map<String, Object> oldAuthToken) {}

    /** A client presented a token that failed verification. */
    public record BadAuthToken(ServerSocket socket, RemoteException authError, String signedAuthToken) {}

    /** An error or a warning, raised by a socket or by the server itself. */
    public record Failure(Optional<ServerSocket> socket, Throwable error) {}

    public static final EventKey<Connection> CONNECTION = EventKey.of("connection");
    public static final EventKey<Disconnection> DISCONNECTION = EventKey.of("disconnection");
    public static final EventKey<Disconnection> CONNECTION_ABORT = EventKey.of("connectionAbort");
    public static final EventKey<Disconnection> CLOSURE = EventKey.of("closure");
    public static final EventKey<Handshake> HANDSHAKE = EventKey.of("handshake");
    public static final EventKey<Subscription> SUBSCRIPTION = EventKey.of("subscription");
    public static final EventKey<Unsubscription> UNSUBSCRIPTION = EventKey.of("unsubscription");
    public static final EventKey<Authentication> AUTHENTICATION = EventKey.of("authentication");
    public static final EventKey<AuthStateChange> AUTHENTICATION_STATE_CHANGE = EventKey.of("authenticationStateChange");
    public static final EventKey<Deauthentication> DEAUTHENTICATION = EventKey.of("deauthentication");
    public static final EventKey<BadAuthToken> BAD_SOCKET_AUTH_TOKEN = EventKey.of("badSocketAuthToken");
    public static final EventKey<Failure> ERROR = EventKey.of("error");
    public static final EventKey<Failure> WARNING = EventKey.of("warning");
}
