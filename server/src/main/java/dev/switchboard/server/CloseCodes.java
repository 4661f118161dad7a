package dev.switchboard.server;

/**
 * WebSocket close codes the server uses. Codes below 4500 make the official SocketCluster client
 * reconnect; {@link #NORMAL} (1000) does not.
 */
public final class CloseCodes {
    /** Normal closure; the client does not reconnect. */
    public static final int NORMAL = 1000;
    /** The server is going away (shutdown). */
    public static final int GOING_AWAY = 1001;
    /** A frame or message was larger than {@code maxPayload}. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The client did not answer pings within {@code pingTimeout}. */
    public static final int PONG_TIMEOUT = 4001;
    /** The server failed to sign an auth token. */
    public static final int TOKEN_SIGN_FAILED = 4002;
    /** No {@code #handshake} arrived within {@code handshakeTimeout}. */
    public static final int HANDSHAKE_TIMEOUT = 4005;
    /** The handshake was rejected (bad {@code #handshake} packet or handshake middleware). */
    public static final int HANDSHAKE_REJECTED = 4008;
    /** A message arrived before the handshake completed. */
    public static final int MESSAGE_BEFORE_HANDSHAKE = 4009;
    /**
     * The socket's outbound buffer passed {@code outboundBufferLimit}: the client reads too slowly.
     * Below 4500, so the official client reconnects.
     */
    public static final int SLOW_CONSUMER = 4100;
    /** The socket sent more than {@code socketChannelLimit} subscriptions or an abusive flood. */
    public static final int POLICY_VIOLATION = 1008;

    private CloseCodes() {}
}
