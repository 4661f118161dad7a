package dev.switchboard.client;

/**
 * The connection state of a {@link SwitchboardClient}, as SocketCluster's {@code socket.state}.
 *
 * <p>{@link #CLOSED} -&gt; {@link #CONNECTING} on {@code connect()} (or a reconnect timer);
 * {@link #CONNECTING} -&gt; {@link #OPEN} once the server answered {@code #handshake};
 * any state -&gt; {@link #CLOSED} when the connection ends or the attempt fails. A snapshot: the state may
 * change right after {@link SwitchboardClient#state()} returned (listen to {@link ClientEvents} to follow it).
 * Immutable and thread-safe; no backpressure concerns.
 */
public enum ClientState {
    /** Opening the WebSocket or waiting for the {@code #handshake} reply. */
    CONNECTING,
    /** Handshake done: calls are sent at once. */
    OPEN,
    /** No connection; a reconnect may be scheduled. */
    CLOSED
}
