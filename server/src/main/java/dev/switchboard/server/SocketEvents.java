package dev.switchboard.server;

import dev.switchboard.core.Payload;

/**
 * Keys for a single socket's own listener streams ({@code socket.listener(key)}). They reuse the
 * records of {@link ServerEvents}.
 */
public final class SocketEvents {
    private SocketEvents() {}

    /** A frame as it arrived, before decoding. */
    public record Message(ServerSocket socket, String text) {}

    public static final EventKey<ServerEvents.Connection> CONNECT = EventKey.of("connect");
    public static final EventKey<ServerEvents.Disconnection> DISCONNECT = EventKey.of("disconnect");
    public static final EventKey<ServerEvents.Disconnection> CONNECT_ABORT = EventKey.of("connectAbort");
    public static final EventKey<ServerEvents.Disconnection> CLOSE = EventKey.of("close");
    public static final EventKey<ServerEvents.Disconnection> END = EventKey.of("end");
    public static final EventKey<ServerEvents.Subscription> SUBSCRIBE = EventKey.of("subscribe");
    public static final EventKey<ServerEvents.Unsubscription> UNSUBSCRIBE = EventKey.of("unsubscribe");
    public static final EventKey<ServerEvents.Authentication> AUTHENTICATE = EventKey.of("authenticate");
    public static final EventKey<ServerEvents.Deauthentication> DEAUTHENTICATE = EventKey.of("deauthenticate");
    public static final EventKey<ServerEvents.AuthStateChange> AUTH_STATE_CHANGE = EventKey.of("authStateChange");
    public static final EventKey<ServerEvents.BadAuthToken> BAD_AUTH_TOKEN = EventKey.of("badAuthToken");
    public static final EventKey<Message> MESSAGE = EventKey.of("message");
    /** A packet that is not an envelope, as its text in a payload. */
    public static final EventKey<Payload> RAW = EventKey.of("raw");
    public static final EventKey<ServerEvents.Failure> ERROR = EventKey.of("error");
}
