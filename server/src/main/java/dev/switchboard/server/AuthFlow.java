package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.SwitchboardException;
import dev.switchboard.protocol.sc.ScCodec;
import dev.switchboard.server.auth.AuthEngine;
import dev.switchboard.server.auth.AuthTokenException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The handshake and every auth transition of a socket: verify, authenticate, sign, expire, drop. */
final class AuthFlow {
    private final NettyServer server;
    private final AuthEngine engine;

    AuthFlow(NettyServer server, AuthEngine engine) {
        this.server = server;
        this.engine = engine;
    }

    AuthEngine engine() {
        return engine;
    }

    void handshake(ScSocket socket, Payload data, long cid) {
        Optional<String> token = ScInbound.stringField(data, "authToken");
        Map<String, Object> claims = null;
        AuthTokenException tokenError = null;
        if (token.isPresent()) {
            try {
                claims = engine.verify(token.get());
            } catch (AuthTokenException e) {
                tokenError = e;
            }
        }
        if (server.middlewares().has(MiddlewareType.HANDSHAKE)) {
            Map<String, Object> info = new LinkedHashMap<>();
            token.ifPresent(t -> info.put("signedAuthToken", t));
            if (tokenError != null) {
                info.put("authTokenError", tokenError.fields());
            }
            if (claims != null) {
                info.put("authToken", claims);
            }
            info.put("authState", (claims != null ? AuthState.AUTHENTICATED : AuthState.UNAUTHENTICATED).wireName());
            ScAction action = server.middlewares().run(new ScAction(ActionType.HANDSHAKE_SC, Optional.of(socket),
                    socket.request(), Optional.empty(), Optional.empty(), Payload.of(info), Optional.ofNullable(claims),
                    token, Optional.empty()));
            if (!action.isAllowed()) {
                RemoteException error = action.blockError();
                int status = error.fields().get("statusCode") instanceof Number n ? n.intValue()
                        : CloseCodes.HANDSHAKE_REJECTED;
                socket.connection.send(ScCodec.replyError(cid, error.with("statusCode", status)));
                server.warn(Optional.of(socket), error);
                socket.disconnect(status, error.name() + ": " + error.getMessage());
                return;
            }
        }
        RemoteException authError = tokenError == null ? null : remote(tokenError);
        if (claims != null) {
            ScAction action = server.middlewares().run(new ScAction(ActionType.AUTHENTICATE, Optional.of(socket),
                    socket.request(), Optional.empty(), Optional.empty(), Payload.of(token.get()),
                    Optional.of(claims), token, Optional.empty()));
            if (!action.isAllowed()) {
                authError = action.blockError();
                claims = null;
            }
        }
        socket.markOpen();
        server.promote(socket);
        if (claims != null) {
            apply(socket, claims, token.get());
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("id", socket.id());
        reply.put("pingTimeout", server.options().pingTimeout().toMillis());
        reply.put("isAuthenticated", claims != null);
        if (authError != null) {
            reply.put("authError", authError.toMap());
        }
        socket.connection.send(ScCodec.reply(cid, Payload.of(reply)));
        if (server.options().batchOnHandshake()) {
            socket.startBatch();
            socket.connection.eventLoop().schedule(socket::stopBatch,
                    server.options().batchOnHandshakeDuration().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        if (tokenError != null) {
            badToken(socket, tokenError, token.get());
        }
        var connection = new ServerEvents.Connection(socket, socket.id(), server.options().pingTimeout(),
                claims != null, Optional.ofNullable(authError));
        socket.emit(SocketEvents.CONNECT, connection);
        server.emitConnection(connection);
    }

    void authenticate(ScSocket socket, Payload data, long cid) {
        OptionalLong rid = OptionalLong.of(cid);
        if (!(data.value().orElse(null) instanceof String token)) {
            // SocketCluster's wording: a missing token and a token of the wrong type differ.
            RemoteException error = data.isNone() || data.isNull()
                    ? remote(AuthTokenException.invalid("jwt must be provided"))
                    : RemoteException.of("AuthTokenError", "Invalid token format - Token must be a string")
                            .with("isBadToken", true);
            socket.replyError(rid, error);
            return;
        }
        Map<String, Object> claims;
        try {
            claims = engine.verify(token);
        } catch (AuthTokenException e) {
            if (e.isBadToken()) {
                drop(socket);
                socket.replyError(rid, remote(e));
                badToken(socket, e, token);
            } else {
                socket.reply(rid, status(socket, remote(e)));
            }
            return;
        }
        ScAction action = server.middlewares().run(new ScAction(ActionType.AUTHENTICATE, Optional.of(socket),
                socket.request(), Optional.empty(), Optional.empty(), Payload.of(token), Optional.of(claims),
                Optional.of(token), Optional.empty()));
        if (!action.isAllowed()) {
            server.warn(Optional.of(socket), action.blockError());
            socket.reply(rid, status(socket, action.blockError()));
            return;
        }
        apply(socket, claims, token);
        Map<String, Object> ok = new LinkedHashMap<>();
        ok.put("isAuthenticated", true);
        ok.put("authError", null);
        socket.reply(rid, Payload.of(ok));
    }

    private static Payload status(ScSocket socket, RemoteException error) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("isAuthenticated", socket.authState() == AuthState.AUTHENTICATED);
        out.put("authError", error.toMap());
        return Payload.of(out);
    }

    private void badToken(ScSocket socket, AuthTokenException error, String token) {
        RemoteException remote = remote(error);
        var event = new ServerEvents.BadAuthToken(socket, remote, token);
        socket.emit(SocketEvents.BAD_AUTH_TOKEN, event);
        server.emit(ServerEvents.BAD_SOCKET_AUTH_TOKEN, event);
        if (error.isBadToken()) {
            socket.connection.send(ScCodec.transmit("#removeAuthToken", Payload.none()));
        }
    }

    void setAuthToken(ScSocket socket, Map<String, ?> claims, Optional<Duration> expiresIn) {
        if (socket.state() != SocketState.OPEN) {
            throw new SwitchboardException("Cannot set an auth token on socket " + socket.id() + " before its handshake");
        }
        dev.switchboard.server.auth.SignedToken signed;
        try {
            signed = engine.issue(new LinkedHashMap<>(claims), expiresIn);
        } catch (RuntimeException e) {
            server.error(Optional.of(socket), e);
            socket.disconnect(CloseCodes.TOKEN_SIGN_FAILED, "Server failed to sign the auth token");
            return;
        }
        apply(socket, signed.claims(), signed.token());
        socket.connection.send(ScCodec.transmit("#setAuthToken", Payload.of(Map.of("token", signed.token()))));
    }

    private void apply(ScSocket socket, Map<String, Object> claims, String token) {
        AuthState old = socket.authState();
        socket.setAuth(new ScSocket.AuthSession(Optional.of(claims), Optional.of(token)));
        var authenticated = new ServerEvents.Authentication(socket, claims);
        socket.emit(SocketEvents.AUTHENTICATE, authenticated);
        server.emit(ServerEvents.AUTHENTICATION, authenticated);
        if (old != AuthState.AUTHENTICATED) {
            var change = new ServerEvents.AuthStateChange(socket, old, AuthState.AUTHENTICATED, Optional.of(claims));
            socket.emit(SocketEvents.AUTH_STATE_CHANGE, change);
            server.emit(ServerEvents.AUTHENTICATION_STATE_CHANGE, change);
        }
    }

    /** Drops the socket's token; with {@code tellClient}, the client is told to remove its copy. */
    void deauthenticate(ScSocket socket, boolean tellClient) {
        drop(socket); // first, as in SocketCluster: by the time the client reads #removeAuthToken, it is done
        if (tellClient && socket.state() == SocketState.OPEN) {
            socket.connection.send(ScCodec.transmit("#removeAuthToken", Payload.none()));
        }
    }

    private void drop(ScSocket socket) {
        Optional<Map<String, Object>> old = socket.authToken();
        if (old.isEmpty()) {
            return;
        }
        socket.setAuth(ScSocket.AuthSession.NONE);
        var gone = new ServerEvents.Deauthentication(socket, old.get());
        socket.emit(SocketEvents.DEAUTHENTICATE, gone);
        server.emit(ServerEvents.DEAUTHENTICATION, gone);
        var change = new ServerEvents.AuthStateChange(socket, AuthState.AUTHENTICATED, AuthState.UNAUTHENTICATED,
                Optional.empty());
        socket.emit(SocketEvents.AUTH_STATE_CHANGE, change);
        server.emit(ServerEvents.AUTHENTICATION_STATE_CHANGE, change);
    }

    /** Before each ordinary event: an expired token is dropped, and the next action learns why. */
    void checkExpiry(ScSocket socket) {
        Optional<Map<String, Object>> claims = socket.authToken();
        if (claims.isPresent() && engine.isExpired(claims.get())) {
            RemoteException expired = RemoteException.of("AuthTokenExpiredError", "The socket auth token has expired");
            Object exp = claims.get().get("exp");
            socket.setExpiredError(exp == null ? expired : expired.with("expiry", exp));
            deauthenticate(socket, true);
        }
    }

    static RemoteException remote(AuthTokenException e) {
        return new RemoteException(e.name(), e.getMessage(), e.fields());
    }
}
