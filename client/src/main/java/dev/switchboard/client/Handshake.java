package dev.switchboard.client;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.protocol.sc.ScCodec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Package-internal: the {@code #handshake} call that opens a SocketCluster connection, with the stored
 * token, and what its reply sets up: state OPEN, socket id, ping timeout, auth state, batching, pending
 * subscriptions and the buffered calls. Guarded by the client's lock.
 */
final class Handshake {
    private final ClientCore core;

    Handshake(ClientCore core) {
        this.core = core;
    }

    /** Sends {@code #handshake} on the newly open {@code conn}, ahead of anything batched. */
    void send(Connection conn) {
        Map<String, Object> handshake = new LinkedHashMap<>();
        handshake.put("authToken", conn.handshakeToken.orElse(null));
        Call call = new Call("#handshake", Payload.of(handshake), new HandshakeHandler(conn));
        core.calls.register(call);
        core.calls.startTimer(call, core.options.ackTimeout());
        conn.sendUnbatched(ScCodec.invoke("#handshake", call.data, call.cid));
    }

    /** The handshake reply: the connection is open, or rejected. */
    private final class HandshakeHandler implements ReplyHandler {
        private final Connection conn;

        HandshakeHandler(Connection conn) {
            this.conn = conn;
        }

        @Override
        public void onReply(Payload data) {
            if (conn.closed || conn != core.connection) {
                return;
            }
            Map<?, ?> status = data.value().orElse(null) instanceof Map<?, ?> m ? m : Map.of();
            String socketId = status.get("id") instanceof String s ? s : "";
            Duration serverPingTimeout = status.get("pingTimeout") instanceof Number n && n.longValue() > 0
                    ? Duration.ofMillis(n.longValue()) : core.options.connectTimeout();
            boolean isAuthenticated = Boolean.TRUE.equals(status.get("isAuthenticated"));
            Optional<RemoteException> authError = status.get("authError") instanceof Map<?, ?> err
                    ? Optional.of(RemoteException.fromPayload(Payload.of(err))) : Optional.empty();
            onHandshakeDone(conn, socketId, serverPingTimeout, isAuthenticated, authError);
        }

        @Override
        public void onError(RemoteException error) {
            if (conn.closed || conn != core.connection) {
                return;
            }
            int code = error.fields().get("statusCode") instanceof Number n ? n.intValue() : 4003;
            String reason = error.name() + ": " + error.getMessage();
            core.emit(ClientEvents.ERROR, new ClientEvents.Failure(error));
            core.lifecycle.destroy(conn, code, reason, new SocketProtocolException("Handshake with "
                    + core.options.uri() + " failed, closed with code " + code + ": " + reason, code, reason, error));
            conn.close(code, reason);
        }
    }

    private void onHandshakeDone(Connection conn, String socketId, Duration serverPingTimeout, boolean isAuthenticated,
            Optional<RemoteException> authError) {
        core.state = ClientState.OPEN;
        core.id = socketId;
        conn.pingTimeout = serverPingTimeout;
        core.heartbeat.resetPingTimer(conn);
        core.batching.onHandshake(conn);
        core.channels.startPreparingPending();
        if (isAuthenticated && conn.handshakeToken.isPresent()) {
            core.auth.changeToAuthenticated(conn.handshakeToken.get());
        } else {
            core.auth.changeToUnauthenticated();
        }
        core.reconnects.resetAttempts();
        if (core.options.autoSubscribeOnConnect()) {
            core.channels.processPendingSubscriptionsLocked();
        }
        ClientEvents.Connect connect = new ClientEvents.Connect(socketId, serverPingTimeout, isAuthenticated, authError,
                conn.handshakeToken);
        core.lifecycle.connected(connect);
        if (core.state == ClientState.OPEN && core.connection == conn) {
            core.outbound.flush(conn);
        }
    }
}
