package dev.switchboard.server;

/** What a middleware {@link Action} is about. Wire names match SocketCluster's action types. */
public enum ActionType {
    HANDSHAKE_WS("handshakeWS", MiddlewareType.HANDSHAKE),
    HANDSHAKE_SC("handshakeSC", MiddlewareType.HANDSHAKE),
    MESSAGE("message", MiddlewareType.INBOUND_RAW),
    TRANSMIT("transmit", MiddlewareType.INBOUND),
    INVOKE("invoke", MiddlewareType.INBOUND),
    SUBSCRIBE("subscribe", MiddlewareType.INBOUND),
    PUBLISH_IN("publishIn", MiddlewareType.INBOUND),
    AUTHENTICATE("authenticate", MiddlewareType.INBOUND),
    PUBLISH_OUT("publishOut", MiddlewareType.OUTBOUND);

    private final String wireName;
    private final MiddlewareType middlewareType;

    ActionType(String wireName, MiddlewareType middlewareType) {
        this.wireName = wireName;
        this.middlewareType = middlewareType;
    }

    public String wireName() {
        return wireName;
    }

    public MiddlewareType middlewareType() {
        return middlewareType;
    }
}
