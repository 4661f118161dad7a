package dev.switchboard.server;

/** Where in the pipeline a middleware runs. One middleware per type. */
public enum MiddlewareType {
    /** The WebSocket upgrade ({@link ActionType#HANDSHAKE_WS}) and the {@code #handshake} ({@link ActionType#HANDSHAKE_SC}). */
    HANDSHAKE,
    /** Every inbound frame as text, before decoding ({@link ActionType#MESSAGE}). */
    INBOUND_RAW,
    /** Decoded inbound packets: transmit, invoke, subscribe, publishIn, authenticate. */
    INBOUND,
    /** Publications about to be sent to one subscriber ({@link ActionType#PUBLISH_OUT}). */
    OUTBOUND
}
