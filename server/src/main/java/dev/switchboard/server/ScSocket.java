package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.SwitchboardException;
import dev.switchboard.core.spi.Publication;
import dev.switchboard.core.stream.ConsumableStream;
import dev.switchboard.core.stream.StreamDemux;
import dev.switchboard.core.stream.StreamEmitter;
import dev.switchboard.protocol.sc.ScCodec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's {@link ServerSocket}: state, streams, subscriptions and auth of one connection. Bytes
 * move through {@link SocketConnection}; inbound packets are interpreted by {@link ScInbound}.
 */
final class ScSocket implements ServerSocket, ChannelHub.Subscriber {
    final NettyServer server;
    final SocketConnection connection;
    private final String id;
    private final HandshakeRequest request;
    final StreamDemux<Payload> receivers = StreamDemux.create();
    final StreamDemux<Request> procedures = StreamDemux.create();
    final StreamEmitter<Object> emitter = StreamEmitter.create();
    final Set<String> channels = ConcurrentHashMap.newKeySet();
    final PendingCalls calls;

    private volatile SocketState state = SocketState.CONNECTING;
    private volatile AuthSession auth = AuthSession.NONE;
    private volatile RemoteException expiredError;

    /** The verified token of an authenticated socket, or {@link #NONE}. */
    record AuthSession(Optional<Map<String, Object>> claims, Optional<String> signed) {
        static final AuthSession NONE = new AuthSession(Optional.empty(), Optional.empty());
    }

    ScSocket(NettyServer server, SocketConnection connection, String id, HandshakeRequest request) {
        this.server = server;
        this.connection = connection;
        this.id = id;
        this.request = request;
        this.calls = new PendingCalls(connection);
    }

    @Override public String id() { return id; }
    @Override public SocketState state() { return state; }
    @Override public HandshakeRequest request() { return request; }

    void markOpen() {
        state = SocketState.OPEN;
    }

    boolean markClosed() {
        if (state == SocketState.CLOSED) {
            return false;
        }
        state = SocketState.CLOSED;
        return true;
    }

    @Override
    public AuthState authState() {
        return auth.claims().isPresent() ? AuthState.AUTHENTICATED : AuthState.UNAUTHENTICATED;
    }

    @Override public Optional<Map<String, Object>> authToken() { return auth.claims(); }
    @Override public Optional<String> signedAuthToken() { return auth.signed(); }

    AuthSession auth() {
        return auth;
    }

    void setAuth(AuthSession session) {
        this.auth = session;
    }

    void setExpiredError(RemoteException error) {
        this.expiredError = error;
    }

    Optional<RemoteException> takeExpiredError() {
        RemoteException e = expiredError;
        expiredError = null;
        return Optional.ofNullable(e);
    }

    @Override
    public ConsumableStream<Payload> receiver(String event) {
        return receivers.stream(event);
    }

    @Override
    public ConsumableStream<Request> procedure(String procedure) {
        return procedures.stream(procedure);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> ConsumableStream<E> listener(EventKey<E> event) {
        return (ConsumableStream<E>) emitter.listener(event.name());
    }

    <E> void emit(EventKey<E> event, E value) {
        emitter.emit(event.name(), value);
    }

    @Override
    public void transmit(String event, Object data) {
        if (state != SocketState.OPEN) {
            server.warn(Optional.of(this), new SwitchboardException(
                    "Socket " + id + " is " + state + "; transmit of '" + event + "' was not sent"));
            return;
        }
        connection.send(ScCodec.transmit(event, Payload.of(data)));
    }

    @Override
    public CompletableFuture<Payload> invoke(String procedure, Object data) {
        return invoke(procedure, data, server.options().ackTimeout());
    }

    @Override
    public CompletableFuture<Payload> invoke(String procedure, Object data, Duration timeout) {
        if (state != SocketState.OPEN) {
            return CompletableFuture.failedFuture(BadConnection.notOpen(id, state));
        }
        return calls.invoke(procedure, Payload.of(data), timeout);
    }

    @Override
    public void setAuthToken(Map<String, ?> claims) {
        server.authFlow().setAuthToken(this, claims, Optional.empty());
    }

    @Override
    public void setAuthToken(Map<String, ?> claims, Duration expiresIn) {
        server.authFlow().setAuthToken(this, claims, Optional.of(expiresIn));
    }

    @Override
    public void deauthenticate() {
        server.authFlow().deauthenticate(this, true);
    }

    @Override
    public void kickOut(String channel, Object message) {
        if (channels.contains(channel)) {
            Map<String, Object> data = new java.util.LinkedHashMap<>();
            data.put("channel", channel);
            if (message != null) { // SocketCluster omits an undefined message
                data.put("message", message);
            }
            connection.send(ScCodec.transmit("#kickOut", Payload.of(data)));
            unsubscribe(channel);
        }
    }

    @Override
    public void kickOut(Object message) {
        for (String channel : Set.copyOf(channels)) {
            kickOut(channel, message);
        }
    }

    @Override public Set<String> subscriptions() { return Set.copyOf(channels); }
    @Override public boolean isSubscribed(String channel) { return channels.contains(channel); }

    /** Leaves {@code channel}, emitting the unsubscribe events. Returns whether it was subscribed. */
    boolean unsubscribe(String channel) {
        if (!channels.remove(channel)) {
            return false;
        }
        server.hub().unsubscribe(channel, this);
        emit(SocketEvents.UNSUBSCRIBE, new ServerEvents.Unsubscription(this, channel));
        server.emit(ServerEvents.UNSUBSCRIPTION, new ServerEvents.Unsubscription(this, channel));
        return true;
    }

    @Override
    public void deliver(Publication publication, ChannelHub.Frames frames) {
        if (connection.isClosing()) {
            return; // nothing may follow the close frame, and a cut-off slow consumer must not keep buffering
        }
        if (server.middlewares().has(MiddlewareType.OUTBOUND)) {
            ScAction action = server.middlewares().run(ScAction.forSocket(ActionType.PUBLISH_OUT, this,
                    Optional.empty(), Optional.of(publication.channel()), publication.data()));
            if (!action.isAllowed()) {
                return; // blocked publications are dropped for this recipient only, as in SocketCluster
            }
            if (action.outcomeData() != publication.data()) {
                connection.send(ScCodec.publish(publication.channel(), action.outcomeData()));
                return;
            }
        }
        if (connection.isBatching()) {
            connection.send(frames.scPublish());
        } else {
            frames.fanoutScPublish(connection.out());
        }
    }

    @Override
    public void disconnect() {
        disconnect(CloseCodes.NORMAL, "");
    }

    @Override
    public void disconnect(int code, String reason) {
        connection.close(code, reason);
    }

    /** Direct while not batching: a batching socket's publications must join its batch, in order. */
    @Override
    public Optional<WireOut> directOut() {
        return connection.isBatching() ? Optional.empty() : Optional.of(connection.out());
    }

    @Override
    public void startBatch() {
        connection.startBatch(server.options().batchInterval());
        server.hub().refresh(channels, this);
    }

    @Override public void flushBatch() { connection.flushBatch(); }

    @Override
    public void stopBatch() {
        connection.stopBatch();
        server.hub().refresh(channels, this);
    }

    @Override
    public void cancelBatch() {
        connection.cancelBatch();
        server.hub().refresh(channels, this);
    }
    @Override public boolean isBatching() { return connection.isBatching(); }

    @Override
    public void terminate() {
        connection.terminate();
    }

    @Override
    public long outboundBufferedBytes() {
        return connection.outboundBufferedBytes();
    }

    @Override public void closeReceiver(String event) { receivers.close(event); }
    @Override public void killReceiver(String event) { receivers.kill(event); }
    @Override public void closeProcedure(String procedure) { procedures.close(procedure); }
    @Override public void killProcedure(String procedure) { procedures.kill(procedure); }

    void reply(java.util.OptionalLong cid, Payload data) {
        if (cid.isPresent()) {
            connection.send(ScCodec.reply(cid.getAsLong(), data));
        }
    }

    void replyError(java.util.OptionalLong cid, RemoteException error) {
        if (cid.isPresent()) {
            connection.send(ScCodec.replyError(cid.getAsLong(), error));
        }
    }

    @Override
    public String toString() {
        return "ScSocket[" + id + ", " + state + "]";
    }
}
