package dev.switchboard.client;

/**
 * Whether the client holds a token the server accepted, as SocketCluster's {@code socket.authState}.
 * Changes are announced by {@link ClientEvents#AUTH_STATE_CHANGE}. Immutable and thread-safe.
 */
public enum AuthState {
    /** The server accepted the client's token; {@link SwitchboardClient#authToken()} holds its claims. */
    AUTHENTICATED,
    /** No token, or the server refused or dropped it. */
    UNAUTHENTICATED
}
