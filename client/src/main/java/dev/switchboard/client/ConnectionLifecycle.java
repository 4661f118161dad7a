package dev.switchboard.client;

import static dev.switchboard.client.CloseCodes.STATUS_TEXT;
import static dev.switchboard.client.FailureText.describe;
import static dev.switchboard.client.FailureText.unwrap;

import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Package-internal: the client's connection state machine: CLOSED -> CONNECTING -> OPEN -> CLOSED, by
 * {@code connect}, {@code disconnect}, {@code reconnect}, {@code close} and the end of a connection. The
 * WebSocket itself is opened by {@link ConnectionOpener}; the reconnect timer is {@link Reconnects}'.
 * Guarded by the client's lock.
 */
final class ConnectionLifecycle {
    private final ClientCore core;

    // ---- guarded by the lock ----
    private CompletableFuture<ClientEvents.Connect> connectFuture;
    private ClientEvents.Connect lastConnect;

    ConnectionLifecycle(ClientCore core) {
        this.core = core;
    }

    CompletableFuture<ClientEvents.Connect> connect() {
        CompletableFuture<ClientEvents.Connect> attempt;
        core.lock.lock();
        try {
            core.checkNotTerminated();
            if (core.state == ClientState.OPEN) {
                return CompletableFuture.completedFuture(lastConnect);
            }
            if (core.state == ClientState.CLOSED) {
                startConnecting();
            }
            attempt = connectFuture;
        } finally {
            core.lock.unlock();
        }
        CompletableFuture<ClientEvents.Connect> view = new CompletableFuture<>();
        attempt.whenComplete((connect, error) -> {
            if (error != null) {
                view.completeExceptionally(unwrap(error));
            } else {
                view.complete(connect);
            }
        });
        return view;
    }

    /** CLOSED -> CONNECTING; opens the WebSocket from a virtual thread (the token store may block). */
    private void startConnecting() {
        core.reconnects.cancel();
        core.state = ClientState.CONNECTING;
        connectFuture = new CompletableFuture<>();
        core.emit(ClientEvents.CONNECTING, new ClientEvents.Connecting());
        Connection conn = new Connection(core, core.options.connectTimeout());
        core.connection = conn;
        core.opener.start(conn);
    }

    /** The handshake completed: remember it, tell listeners and whoever waits in {@link #connect()}. */
    void connected(ClientEvents.Connect connect) {
        lastConnect = connect;
        core.emit(ClientEvents.CONNECT, connect);
        ClientThreads.complete(connectFuture, connect);
    }

    void disconnect(int code, String reason) {
        Objects.requireNonNull(reason, "reason");
        core.lock.lock();
        try {
            disconnectLocked(code, reason);
        } finally {
            core.lock.unlock();
        }
    }

    void disconnectLocked(int code, String reason) {
        if (core.state != ClientState.CLOSED) {
            Connection conn = core.connection;
            destroy(conn, code, reason, null);
            conn.close(code, reason);
        } else {
            core.reconnects.cancel();
        }
    }

    void reconnect(int code, String reason) {
        core.lock.lock();
        try {
            core.checkNotTerminated();
            disconnectLocked(code, reason);
            connectLocked();
        } finally {
            core.lock.unlock();
        }
    }

    void connectLocked() {
        if (core.state == ClientState.CLOSED && !core.terminated) {
            startConnecting();
        }
    }

    void close() {
        core.lock.lock();
        try {
            if (core.terminated) {
                return;
            }
            disconnectLocked(1000, "Client closed");
            core.terminated = true;
            core.reconnects.cancel();
            core.batching.stopBatchTimer();
            core.outbound.discard();
        } finally {
            core.lock.unlock();
        }
        core.events.closeAllListeners();
        core.inbound.closeAll();
        core.channels.streams().closeAll();
    }

    // ---- the end of a connection ----

    void onServerClose(Connection conn, int code, String reason) {
        core.lock.lock();
        try {
            destroy(conn, code, reason, null);
        } finally {
            core.lock.unlock();
        }
    }

    void onTransportError(Connection conn, Throwable error) {
        core.lock.lock();
        try {
            if (conn.closed || conn != core.connection) {
                return;
            }
            String what = describe(unwrap(error));
            destroy(conn, 1006, "", new SocketProtocolException("Connection to " + core.options.uri() + " failed: "
                    + what, 1006, what, unwrap(error)));
            conn.abort();
        } finally {
            core.lock.unlock();
        }
    }

    /**
     * Ends {@code conn} (if it is the current, live one): state CLOSED, channels back to pending, events,
     * calls failed with {@link BadConnectionException}, then maybe a reconnect timer. The caller closes the
     * socket itself.
     */
    void destroy(Connection conn, int code, String reason, SocketProtocolException failure) {
        if (conn == null || conn.closed || conn != core.connection) {
            return;
        }
        conn.closed = true;
        boolean openAbort = core.state != ClientState.OPEN;
        core.state = ClientState.CLOSED;
        core.id = null;
        ClientThreads.cancel(conn.connectTimer);
        ClientThreads.cancel(conn.pingTimer);
        ClientThreads.cancel(conn.batchStopTimer);
        core.batching.stopBatchTimer();
        core.reconnects.cancel();
        String why = reason == null || reason.isEmpty() ? STATUS_TEXT.getOrDefault(code, "") : reason;

        for (ChannelEntry channel : new ArrayList<>(core.channels.entries())) {
            core.channels.triggerChannelUnsubscribe(channel, true);
        }
        ClientEvents.Close close = new ClientEvents.Close(code, why);
        core.emit(openAbort ? ClientEvents.CONNECT_ABORT : ClientEvents.DISCONNECT, close);
        core.emit(ClientEvents.CLOSE, close);
        SocketProtocolException error = failure;
        if (error == null && code != 1000 && code != 1001) {
            String text = STATUS_TEXT.get(code);
            String message = text != null && (why.isEmpty() || why.equals(text))
                    ? text + " (code " + code + ")"
                    : "Socket connection closed with status code " + code + (why.isEmpty() ? "" : " and reason: " + why);
            error = new SocketProtocolException(message, code, why);
        }
        if (error != null) {
            core.emit(ClientEvents.ERROR, new ClientEvents.Failure(error));
        }

        String type = openAbort ? BadConnectionException.CONNECT_ABORT : BadConnectionException.DISCONNECT;
        core.calls.abortAll(type, code, why);
        if (openAbort && connectFuture != null && !connectFuture.isDone()) {
            ClientThreads.fail(connectFuture, error != null ? error
                    : new SocketProtocolException("Connection attempt to " + core.options.uri() + " was closed with code "
                    + code + (why.isEmpty() ? "" : ": " + why), code, why));
        }
        core.reconnects.scheduleAfterClose(code);
    }
}
