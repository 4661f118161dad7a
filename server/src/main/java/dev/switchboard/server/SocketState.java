package dev.switchboard.server;

/** A server socket's lifecycle: connecting until the handshake completes, then open, then closed. */
public enum SocketState {
    CONNECTING,
    OPEN,
    CLOSED
}
