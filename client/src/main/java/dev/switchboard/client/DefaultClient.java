package dev.switchboard.client;

import dev.switchboard.client.ClientEvents.ClientEvent;
import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.SwitchboardException;
import dev.switchboard.core.stream.ConsumableStream;
import dev.switchboard.core.stream.StreamDemux;
import dev.switchboard.core.stream.StreamEmitter;
import dev.switchboard.protocol.sc.ScCodec;
import dev.switchboard.protocol.sc.ScPacket;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Package-private implementation of {@link SwitchboardClient}: SocketCluster client 20's state machine
 * ({@code clientsocket.js} + {@code transport.js}) over {@code java.net.http.WebSocket}.
 *
 * <p>All state is guarded by one {@link ReentrantLock}, held only for short non-blocking work: no I/O
 * wait, no user code. Events are emitted and replies written under it, so they keep their order; user
 * futures are completed on virtual threads ({@link ClientThreads#complete}); token stores run on a serial
 * virtual-thread executor.
 */
final class DefaultClient implements SwitchboardClient {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultClient.class);

    private static final Map<Integer, String> STATUS_TEXT = Map.ofEntries(
            Map.entry(1000, "Socket closed normally"),
            Map.entry(1001, "Socket was disconnected"),
            Map.entry(1002, "A WebSocket protocol error was encountered"),
            Map.entry(1003, "Server terminated socket because it received invalid data"),
            Map.entry(1005, "Socket closed without status code"),
            Map.entry(1006, "Socket hung up"),
            Map.entry(1007, "Message format was incorrect"),
            Map.entry(1008, "Encountered a policy violation"),
            Map.entry(1009, "Message was too big to process"),
            Map.entry(1010, "Client ended the connection because the server did not comply with extension requirements"),
            Map.entry(1011, "Server encountered an unexpected fatal condition"),
            Map.entry(4000, "Server ping timed out"),
            Map.entry(4001, "Client pong timed out"),
            Map.entry(4002, "Server failed to sign auth token"),
            Map.entry(4003, "Failed to complete handshake"),
            Map.entry(4004, "Client failed to save auth token"),
            Map.entry(4005, "Did not receive #handshake from client before timeout"),
            Map.entry(4006, "Failed to bind socket to message broker"),
            Map.entry(4007, "Client connection establishment timed out"),
            Map.entry(4008, "Server rejected handshake from client"),
            Map.entry(4009, "Server received a message before the client handshake"));

    private static final HttpClient DEFAULT_HTTP = newHttpClient(null);
    private static final ConcurrentHashMap<SSLContext, HttpClient> TLS_HTTP = new ConcurrentHashMap<>();

    private final ClientOptions options;
    private final AuthTokenStore store;
    private final HttpClient http;
    private final String ping;
    private final String pong;

    private final ReentrantLock lock = new ReentrantLock();
    private final StreamEmitter<ClientEvent> events = StreamEmitter.create();
    private final StreamDemux<Payload> receivers = StreamDemux.create();
    private final StreamDemux<ClientRequest> procedures = StreamDemux.create();
    private final StreamDemux<Payload> channelData = StreamDemux.create();
    private final StreamDemux<ClientEvent> channelEvents = StreamDemux.create();
    private final dev.switchboard.core.internal.SerialExecutor storeCalls =
            new dev.switchboard.core.internal.SerialExecutor(ClientThreads.VIRTUAL, failure -> { }); // store calls report their own failures

    // ---- guarded by lock ----
    private long nextCid = 1;
    private ClientState state = ClientState.CLOSED;
    private AuthState authState = AuthState.UNAUTHENTICATED;
    private String signedAuthToken;
    private Map<String, Object> authToken;
    private String id;
    private Connection connection;
    private int connectAttempts;
    private ScheduledFuture<?> reconnectTimer;
    private Duration pendingReconnectDelay;
    private boolean preparingPendingSubscriptions;
    private boolean terminated;
    private boolean userBatching;
    private ScheduledFuture<?> batchTimer;
    private CompletableFuture<ClientEvents.Connect> connectFuture;
    private ClientEvents.Connect lastConnect;
    private final LinkedHashMap<String, ChannelEntry> channels = new LinkedHashMap<>();
    private final ArrayDeque<Call> outbound = new ArrayDeque<>();
    private final HashMap<Long, Call> pending = new HashMap<>();

    DefaultClient(ClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.store = options.authTokenStore().orElseGet(AuthTokenStore::inMemory);
        this.http = options.sslContext().map(ctx -> TLS_HTTP.computeIfAbsent(ctx, DefaultClient::newHttpClient))
                .orElse(DEFAULT_HTTP);
        this.ping = options.protocolVersion() == 1 ? "#1" : "";
        this.pong = options.protocolVersion() == 1 ? "#2" : "";
    }

    private static HttpClient newHttpClient(SSLContext ssl) {
        HttpClient.Builder b = HttpClient.newBuilder().executor(ClientThreads.VIRTUAL);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        return b.build();
    }

    // =====================================================================================
    // State
    // =====================================================================================

    @Override
    public ClientOptions options() {
        return options;
    }

    @Override
    public ClientState state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public AuthState authState() {
        lock.lock();
        try {
            return authState;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<String> id() {
        lock.lock();
        try {
            return Optional.ofNullable(id);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Map<String, Object>> authToken() {
        lock.lock();
        try {
            return Optional.ofNullable(authToken);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<String> signedAuthToken() {
        lock.lock();
        try {
            return Optional.ofNullable(signedAuthToken);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Duration pingTimeout() {
        lock.lock();
        try {
            return connection == null ? options.connectTimeout() : connection.pingTimeout;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Duration> pendingReconnect() {
        lock.lock();
        try {
            return Optional.ofNullable(pendingReconnectDelay);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int connectAttempts() {
        lock.lock();
        try {
            return connectAttempts;
        } finally {
            lock.unlock();
        }
    }

    // =====================================================================================
    // Connecting and disconnecting
    // =====================================================================================

    @Override
    public CompletableFuture<ClientEvents.Connect> connect() {
        CompletableFuture<ClientEvents.Connect> attempt;
        lock.lock();
        try {
            checkNotTerminated();
            if (state == ClientState.OPEN) {
                return CompletableFuture.completedFuture(lastConnect);
            }
            if (state == ClientState.CLOSED) {
                startConnecting();
            }
            attempt = connectFuture;
        } finally {
            lock.unlock();
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
        cancelReconnectTimer();
        state = ClientState.CONNECTING;
        connectFuture = new CompletableFuture<>();
        emit(ClientEvents.CONNECTING, new ClientEvents.Connecting());
        Connection conn = new Connection(this, options.connectTimeout());
        connection = conn;
        conn.connectTimer = ClientThreads.schedule(() -> onConnectTimeout(conn), options.connectTimeout().toMillis());
        storeCalls.execute(() -> open(conn));
    }

    private void open(Connection conn) {
        Optional<String> token;
        try {
            token = store.load(options.authTokenName());
        } catch (Exception e) {
            LOG.warn("Auth token store failed to load {}", options.authTokenName(), e);
            emit(ClientEvents.ERROR, new ClientEvents.Failure(e));
            token = Optional.empty();
        }
        lock.lock();
        try {
            if (conn.closed) {
                return;
            }
            conn.handshakeToken = token;
        } finally {
            lock.unlock();
        }
        try {
            // The JDK's own limit is a little longer, so the client's 4007 timer decides (as in SocketCluster)
            // and the JDK then releases a TCP connect still in progress.
            WebSocket.Builder builder = http.newWebSocketBuilder()
                    .connectTimeout(options.connectTimeout().plusSeconds(1));
            options.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
            builder.buildAsync(options.uri(), conn).whenComplete((ws, error) -> {
                if (error != null) {
                    onOpenFailed(conn, unwrap(error));
                } else {
                    boolean stale;
                    lock.lock();
                    try {
                        stale = conn.closed;
                    } finally {
                        lock.unlock();
                    }
                    if (stale) {
                        ws.abort();
                    }
                }
            });
        } catch (RuntimeException e) {
            onOpenFailed(conn, e);
        }
    }

    /** The WebSocket is open: start the ping timer and send {@code #handshake}. */
    void onOpen(Connection conn, WebSocket ws) {
        lock.lock();
        try {
            conn.ws = ws;
            if (conn.closed || conn != connection) {
                ws.abort();
                return;
            }
            ClientThreads.cancel(conn.connectTimer);
            conn.connectTimer = null;
            conn.attach(ws);
            resetPingTimer(conn);
            Map<String, Object> handshake = new LinkedHashMap<>();
            handshake.put("authToken", conn.handshakeToken.orElse(null));
            long cid = nextCid++;
            Call call = new Call("#handshake", Payload.of(handshake), new HandshakeHandler(conn));
            call.cid = cid;
            call.timer = ClientThreads.schedule(() -> onCallTimeout(call), options.ackTimeout().toMillis());
            pending.put(cid, call);
            conn.sendUnbatched(ScCodec.invoke("#handshake", call.data, cid));
        } finally {
            lock.unlock();
        }
    }

    private void onOpenFailed(Connection conn, Throwable cause) {
        String what;
        if (cause instanceof WebSocketHandshakeException refused) {
            var response = refused.getResponse();
            Object body = response.body();
            String text = body instanceof String s ? s
                    : body instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : "";
            what = "the WebSocket upgrade was refused with HTTP " + response.statusCode()
                    + (text.isBlank() ? "" : " (" + abbreviate(text.strip(), 200) + ")");
        } else if (cause instanceof HttpConnectTimeoutException) {
            what = "connection timed out after " + options.connectTimeout().toMillis() + " ms (" + describe(cause) + ")";
        } else {
            what = describe(cause);
        }
        String message = "Could not connect to " + options.uri() + ": " + what;
        lock.lock();
        try {
            destroy(conn, 1006, what, new SocketProtocolException(message, 1006, what, cause));
        } finally {
            lock.unlock();
        }
    }

    private void onConnectTimeout(Connection conn) {
        lock.lock();
        try {
            if (conn.closed || conn != connection || conn.ws != null) {
                return;
            }
            String reason = STATUS_TEXT.get(4007);
            destroy(conn, 4007, reason, new SocketProtocolException("Could not connect to " + options.uri()
                    + ": no WebSocket connection within the connect timeout of " + options.connectTimeout().toMillis()
                    + " ms (code 4007)", 4007, reason));
            conn.abort();
        } finally {
            lock.unlock();
        }
    }

    /** The handshake reply: the connection is open, or rejected. */
    private final class HandshakeHandler implements ReplyHandler {
        private final Connection conn;

        HandshakeHandler(Connection conn) {
            this.conn = conn;
        }

        @Override
        public void onReply(Payload data) {
            if (conn.closed || conn != connection) {
                return;
            }
            Map<?, ?> status = data.value().orElse(null) instanceof Map<?, ?> m ? m : Map.of();
            String socketId = status.get("id") instanceof String s ? s : "";
            Duration serverPingTimeout = status.get("pingTimeout") instanceof Number n && n.longValue() > 0
                    ? Duration.ofMillis(n.longValue()) : options.connectTimeout();
            boolean isAuthenticated = Boolean.TRUE.equals(status.get("isAuthenticated"));
            Optional<RemoteException> authError = status.get("authError") instanceof Map<?, ?> err
                    ? Optional.of(RemoteException.fromPayload(Payload.of(err))) : Optional.empty();
            onHandshakeDone(conn, socketId, serverPingTimeout, isAuthenticated, authError);
        }

        @Override
        public void onError(RemoteException error) {
            if (conn.closed || conn != connection) {
                return;
            }
            int code = error.fields().get("statusCode") instanceof Number n ? n.intValue() : 4003;
            String reason = error.name() + ": " + error.getMessage();
            emit(ClientEvents.ERROR, new ClientEvents.Failure(error));
            destroy(conn, code, reason, new SocketProtocolException("Handshake with " + options.uri()
                    + " failed, closed with code " + code + ": " + reason, code, reason, error));
            conn.close(code, reason);
        }
    }

    private void onHandshakeDone(Connection conn, String socketId, Duration serverPingTimeout, boolean isAuthenticated,
            Optional<RemoteException> authError) {
        state = ClientState.OPEN;
        id = socketId;
        conn.pingTimeout = serverPingTimeout;
        resetPingTimer(conn);
        if (userBatching) {
            startBatchTimer(conn);
        } else if (options.batchOnHandshake()) {
            startBatchTimer(conn);
            conn.batchStopTimer = ClientThreads.schedule(() -> {
                lock.lock();
                try {
                    if (!userBatching && connection == conn && !conn.closed) {
                        stopBatchTimer();
                        conn.stopBatch();
                    }
                } finally {
                    lock.unlock();
                }
            }, options.batchOnHandshakeDuration().toMillis());
        }
        preparingPendingSubscriptions = true;
        if (isAuthenticated && conn.handshakeToken.isPresent()) {
            changeToAuthenticated(conn.handshakeToken.get());
        } else {
            changeToUnauthenticated();
        }
        connectAttempts = 0;
        if (options.autoSubscribeOnConnect()) {
            processPendingSubscriptionsLocked();
        }
        ClientEvents.Connect connect = new ClientEvents.Connect(socketId, serverPingTimeout, isAuthenticated, authError,
                conn.handshakeToken);
        lastConnect = connect;
        emit(ClientEvents.CONNECT, connect);
        ClientThreads.complete(connectFuture, connect);
        if (state == ClientState.OPEN && connection == conn) {
            flushOutbound(conn);
        }
    }

    @Override
    public void disconnect() {
        disconnect(1000, "");
    }

    @Override
    public void disconnect(int code, String reason) {
        Objects.requireNonNull(reason, "reason");
        lock.lock();
        try {
            disconnectLocked(code, reason);
        } finally {
            lock.unlock();
        }
    }

    private void disconnectLocked(int code, String reason) {
        if (state != ClientState.CLOSED) {
            Connection conn = connection;
            destroy(conn, code, reason, null);
            conn.close(code, reason);
        } else {
            cancelReconnectTimer();
        }
    }

    @Override
    public void reconnect() {
        reconnect(1000, "");
    }

    @Override
    public void reconnect(int code, String reason) {
        lock.lock();
        try {
            checkNotTerminated();
            disconnectLocked(code, reason);
            connectLocked();
        } finally {
            lock.unlock();
        }
    }

    private void connectLocked() {
        if (state == ClientState.CLOSED && !terminated) {
            startConnecting();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (terminated) {
                return;
            }
            disconnectLocked(1000, "Client closed");
            terminated = true;
            cancelReconnectTimer();
            stopBatchTimer();
            for (Call call : outbound) {
                ClientThreads.cancel(call.timer);
            }
            outbound.clear();
        } finally {
            lock.unlock();
        }
        events.closeAllListeners();
        receivers.closeAll();
        procedures.closeAll();
        channelData.closeAll();
        channelEvents.closeAll();
    }

    private void checkNotTerminated() {
        if (terminated) {
            throw new IllegalStateException("the client was closed");
        }
    }

    // ---- the end of a connection ----

    void onServerClose(Connection conn, int code, String reason) {
        lock.lock();
        try {
            destroy(conn, code, reason, null);
        } finally {
            lock.unlock();
        }
    }

    void onTransportError(Connection conn, Throwable error) {
        lock.lock();
        try {
            if (conn.closed || conn != connection) {
                return;
            }
            String what = describe(unwrap(error));
            destroy(conn, 1006, "", new SocketProtocolException("Connection to " + options.uri() + " failed: " + what,
                    1006, what, unwrap(error)));
            conn.abort();
        } finally {
            lock.unlock();
        }
    }

    private void onPingTimeout(Connection conn) {
        lock.lock();
        try {
            if (conn.closed || conn != connection) {
                return;
            }
            destroy(conn, 4000, STATUS_TEXT.get(4000), null);
            conn.close(4000, STATUS_TEXT.get(4000));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends {@code conn} (if it is the current, live one): state CLOSED, channels back to pending, events,
     * calls failed with {@link BadConnectionException}, then maybe a reconnect timer. The caller closes the
     * socket itself.
     */
    private void destroy(Connection conn, int code, String reason, SocketProtocolException failure) {
        if (conn == null || conn.closed || conn != connection) {
            return;
        }
        conn.closed = true;
        boolean openAbort = state != ClientState.OPEN;
        state = ClientState.CLOSED;
        id = null;
        ClientThreads.cancel(conn.connectTimer);
        ClientThreads.cancel(conn.pingTimer);
        ClientThreads.cancel(conn.batchStopTimer);
        stopBatchTimer();
        cancelReconnectTimer();
        String why = reason == null || reason.isEmpty() ? STATUS_TEXT.getOrDefault(code, "") : reason;

        for (ChannelEntry channel : new ArrayList<>(channels.values())) {
            triggerChannelUnsubscribe(channel, true);
        }
        ClientEvents.Close close = new ClientEvents.Close(code, why);
        emit(openAbort ? ClientEvents.CONNECT_ABORT : ClientEvents.DISCONNECT, close);
        emit(ClientEvents.CLOSE, close);
        SocketProtocolException error = failure;
        if (error == null && code != 1000 && code != 1001) {
            String text = STATUS_TEXT.get(code);
            String message = text != null && (why.isEmpty() || why.equals(text))
                    ? text + " (code " + code + ")"
                    : "Socket connection closed with status code " + code + (why.isEmpty() ? "" : " and reason: " + why);
            error = new SocketProtocolException(message, code, why);
        }
        if (error != null) {
            emit(ClientEvents.ERROR, new ClientEvents.Failure(error));
        }

        String type = openAbort ? BadConnectionException.CONNECT_ABORT : BadConnectionException.DISCONNECT;
        List<Call> aborted = new ArrayList<>(pending.values());
        pending.clear();
        aborted.addAll(outbound);
        outbound.clear();
        for (Call call : aborted) {
            ClientThreads.cancel(call.timer);
            if (!call.done) {
                call.done = true;
                if (call.handler != null) {
                    call.handler.onError(new BadConnectionException("Event " + call.event
                            + " was aborted due to a bad connection", type, code, why));
                }
            }
        }
        if (openAbort && connectFuture != null && !connectFuture.isDone()) {
            ClientThreads.fail(connectFuture, error != null ? error
                    : new SocketProtocolException("Connection attempt to " + options.uri() + " was closed with code "
                    + code + (why.isEmpty() ? "" : ": " + why), code, why));
        }

        if (options.autoReconnect() && !terminated) {
            Optional<Duration> delay = options.reconnectOptions().delayAfterClose(code, connectAttempts,
                    ThreadLocalRandom.current().nextDouble());
            if (delay.isPresent()) {
                connectAttempts++;
                pendingReconnectDelay = delay.get();
                reconnectTimer = ClientThreads.schedule(this::reconnectTimerFired, delay.get().toMillis());
            }
        }
    }

    private void reconnectTimerFired() {
        lock.lock();
        try {
            reconnectTimer = null;
            pendingReconnectDelay = null;
            connectLocked();
        } finally {
            lock.unlock();
        }
    }

    private void cancelReconnectTimer() {
        ClientThreads.cancel(reconnectTimer);
        reconnectTimer = null;
        pendingReconnectDelay = null;
    }

    // =====================================================================================
    // Inbound
    // =====================================================================================

    void onFrame(Connection conn, String text) {
        lock.lock();
        try {
            if (conn.closed || conn != connection) {
                return;
            }
            emit(ClientEvents.MESSAGE, new ClientEvents.Message(text));
            if (text.equals(ping)) {
                resetPingTimer(conn);
                conn.sendUnbatched(pong);
                return;
            }
            for (ScPacket packet : ScCodec.decode(text)) {
                if (conn.closed) {
                    return;
                }
                switch (packet) {
                    case ScPacket.Event event -> onEvent(conn, event);
                    case ScPacket.Response response -> onResponse(response);
                    case ScPacket.Raw raw -> emit(ClientEvents.RAW, new ClientEvents.Message(raw.text()));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Failed to process a frame from {}", options.uri(), e);
            emit(ClientEvents.ERROR, new ClientEvents.Failure(e));
        } finally {
            lock.unlock();
        }
    }

    private void onResponse(ScPacket.Response response) {
        Call call = pending.remove(response.rid());
        if (call == null || call.done) {
            return; // late or unknown rid
        }
        call.done = true;
        ClientThreads.cancel(call.timer);
        if (call.handler == null) {
            return;
        }
        if (response.error().isPresent()) {
            call.handler.onError(response.error().get());
        } else {
            call.handler.onReply(response.data());
        }
    }

    private void onEvent(Connection conn, ScPacket.Event event) {
        String name = event.event();
        Payload data = event.data();
        if (event.isCall()) {
            long cid = event.cid().getAsLong();
            switch (name) {
                case "#setAuthToken" -> {
                    Optional<String> token = data.field("token").flatMap(t -> t.value())
                            .filter(String.class::isInstance).map(String.class::cast);
                    if (token.isPresent()) {
                        setAuthTokenFromServer(token.get());
                        conn.send(ScCodec.reply(cid, Payload.none()));
                    } else {
                        conn.send(ScCodec.replyError(cid, RemoteException.of("InvalidMessageError",
                                "No token data provided by #setAuthToken event")));
                    }
                }
                case "#removeAuthToken" -> {
                    removeAuthTokenFromServer();
                    conn.send(ScCodec.reply(cid, Payload.none()));
                }
                default -> procedures.write(name, new InboundRequest(conn, name, data, cid));
            }
            return;
        }
        switch (name) {
            case "#publish" -> {
                if (data.value().orElse(null) instanceof Map<?, ?> m && m.get("channel") instanceof String wireName) {
                    String channel = undecorate(wireName);
                    if (channels.containsKey(channel)) {
                        Payload published = m.containsKey("data") ? Payload.ofNullable(m.get("data")) : Payload.none();
                        channelData.write(channel, published);
                    }
                }
            }
            case "#kickOut" -> {
                if (data.value().orElse(null) instanceof Map<?, ?> m && m.get("channel") instanceof String wireName) {
                    String channel = undecorate(wireName);
                    ChannelEntry entry = channels.get(channel);
                    if (entry != null) {
                        Payload message = m.containsKey("message") ? Payload.ofNullable(m.get("message")) : Payload.none();
                        ClientEvents.KickOut kick = new ClientEvents.KickOut(channel, message);
                        emit(ClientEvents.KICK_OUT, kick);
                        channelEvents.write(channel + "/" + ClientEvents.KICK_OUT.name(), kick);
                        triggerChannelUnsubscribe(entry, false);
                    }
                }
            }
            case "#setAuthToken" -> data.field("token").flatMap(t -> t.value())
                    .filter(String.class::isInstance).map(String.class::cast)
                    .ifPresent(this::setAuthTokenFromServer);
            case "#removeAuthToken" -> removeAuthTokenFromServer();
            default -> receivers.write(name, data);
        }
    }

    private void setAuthTokenFromServer(String token) {
        changeToAuthenticated(token);
        saveToken(token);
    }

    private void removeAuthTokenFromServer() {
        removeStoredToken(null);
        changeToUnauthenticated();
    }

    private void saveToken(String token) {
        storeCalls.execute(() -> {
            try {
                store.save(options.authTokenName(), token);
            } catch (Exception e) {
                LOG.warn("Auth token store failed to save {}", options.authTokenName(), e);
                emit(ClientEvents.ERROR, new ClientEvents.Failure(e));
            }
        });
    }

    private void removeStoredToken(CompletableFuture<Void> done) {
        storeCalls.execute(() -> {
            try {
                Optional<String> old = store.remove(options.authTokenName());
                emit(ClientEvents.REMOVE_AUTH_TOKEN, new ClientEvents.RemoveAuthToken(old));
                if (done != null) {
                    done.complete(null);
                }
            } catch (Exception e) {
                LOG.warn("Auth token store failed to remove {}", options.authTokenName(), e);
                emit(ClientEvents.ERROR, new ClientEvents.Failure(e));
                if (done != null) {
                    done.completeExceptionally(e);
                }
            }
        });
    }

    private void resetPingTimer(Connection conn) {
        conn.lastPingNanos = System.nanoTime();
        ClientThreads.cancel(conn.pingTimer);
        conn.pingTimer = null;
        if (!options.pingTimeoutDisabled()) {
            conn.pingTimer = ClientThreads.schedule(() -> onPingTimeout(conn), conn.pingTimeout.toMillis());
        }
    }

    /** A server-to-client call, answered on the connection it came in on. */
    private final class InboundRequest implements ClientRequest {
        private final Connection conn;
        private final String procedure;
        private final Payload data;
        private final long cid;
        private final java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();

        InboundRequest(Connection conn, String procedure, Payload data, long cid) {
            this.conn = conn;
            this.procedure = procedure;
            this.data = data;
            this.cid = cid;
        }

        @Override
        public String procedure() {
            return procedure;
        }

        @Override
        public Payload data() {
            return data;
        }

        @Override
        public long id() {
            return cid;
        }

        @Override
        public void end() {
            answer(ScCodec.reply(cid, Payload.none()));
        }

        @Override
        public void end(Object value) {
            Payload payload = Payload.of(value);
            payload.json(); // fail here, before answering, if it cannot be encoded
            answer(ScCodec.reply(cid, payload));
        }

        @Override
        public void error(Throwable error) {
            answer(ScCodec.replyError(cid, RemoteException.from(Objects.requireNonNull(error, "error"))));
        }

        private void answer(String frame) {
            if (!answered.compareAndSet(false, true)) {
                throw new IllegalStateException("request " + procedure + " (cid " + cid + ") was already answered");
            }
            conn.send(frame);
        }

        @Override
        public boolean isAnswered() {
            return answered.get();
        }

        @Override
        public String toString() {
            return "ClientRequest[" + procedure + ", cid=" + cid + "]";
        }
    }

    // =====================================================================================
    // Outbound
    // =====================================================================================

    @Override
    public void transmit(String event) {
        transmit(event, Payload.none());
    }

    @Override
    public void transmit(String event, Object data) {
        transmit(event, data, options.ackTimeout());
    }

    @Override
    public void transmit(String event, Object data, Duration ackTimeout) {
        Objects.requireNonNull(event, "event");
        ClientOptions.checkDuration("ackTimeout", ackTimeout, false);
        Payload payload = encoded(data);
        lock.lock();
        try {
            checkNotTerminated();
            prepareToSend();
            Call call = new Call(event, payload, null);
            if (state == ClientState.OPEN && outbound.isEmpty()) {
                checkSendQueue();
                connection.send(ScCodec.transmit(event, payload));
            } else {
                buffer(call, ackTimeout);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CompletableFuture<Payload> invoke(String event, Object data) {
        return invoke(event, data, options.ackTimeout());
    }

    @Override
    public CompletableFuture<Payload> invoke(String event, Object data, Duration ackTimeout) {
        Objects.requireNonNull(event, "event");
        ClientOptions.checkDuration("ackTimeout", ackTimeout, false);
        CompletableFuture<Payload> future = new CompletableFuture<>();
        Payload payload;
        try {
            payload = encoded(data);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            return future;
        }
        try {
            call(event, payload, ackTimeout, new ReplyHandler() {
                @Override
                public void onReply(Payload reply) {
                    ClientThreads.complete(future, reply);
                }

                @Override
                public void onError(RemoteException error) {
                    ClientThreads.fail(future, error);
                }
            });
        } catch (OutboundOverflowException | IllegalStateException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    @Override
    public Payload invokeAndWait(String event, Object data) {
        return await(invoke(event, data));
    }

    @Override
    public Payload invokeAndWait(String event, Object data, Duration ackTimeout) {
        return await(invoke(event, data, ackTimeout));
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwitchboardException("interrupted while waiting for a reply", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new SwitchboardException(String.valueOf(cause), cause);
        }
    }

    /** Sends (or buffers) an invoke whose reply goes to {@code handler}; throws on overflow. */
    private void call(String event, Payload payload, Duration ackTimeout, ReplyHandler handler) {
        lock.lock();
        try {
            checkNotTerminated();
            prepareToSend();
            Call call = new Call(event, payload, handler);
            if (state == ClientState.OPEN && outbound.isEmpty()) {
                checkSendQueue();
                call.timer = ClientThreads.schedule(() -> onCallTimeout(call), ackTimeout.toMillis());
                sendCall(connection, call);
            } else {
                buffer(call, ackTimeout);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The stale-socket check of client 19.2.4+, then connect if closed, as the official client. */
    private void prepareToSend() {
        if (state == ClientState.OPEN && !options.pingTimeoutDisabled()
                && System.nanoTime() - connection.lastPingNanos >= connection.pingTimeout.toNanos()) {
            disconnectLocked(1000, "Stale socket was disconnected by the client to initiate a new connection");
        }
        connectLocked();
    }

    private void checkSendQueue() {
        int queued = connection.queued();
        if (queued >= options.outboundQueueLimit()) {
            throw new OutboundOverflowException(queued + " frames are waiting to be sent on the connection to "
                    + options.uri() + " (outboundQueueLimit " + options.outboundQueueLimit() + ")");
        }
    }

    private void buffer(Call call, Duration ackTimeout) {
        if (outbound.size() >= options.outboundQueueLimit()) {
            throw new OutboundOverflowException(outbound.size() + " calls are already buffered while the client is "
                    + state.name().toLowerCase(java.util.Locale.ROOT) + " (outboundQueueLimit "
                    + options.outboundQueueLimit() + ")");
        }
        call.timer = ClientThreads.schedule(() -> onCallTimeout(call), ackTimeout.toMillis());
        outbound.add(call);
    }

    private void sendCall(Connection conn, Call call) {
        long cid = nextCid++;
        call.cid = cid;
        pending.put(cid, call);
        conn.send(ScCodec.invoke(call.event, call.data, cid));
    }

    private void flushOutbound(Connection conn) {
        Call call;
        while ((call = outbound.poll()) != null) {
            if (call.handler == null) {
                ClientThreads.cancel(call.timer);
                conn.send(ScCodec.transmit(call.event, call.data));
            } else {
                sendCall(conn, call);
            }
        }
    }

    private void onCallTimeout(Call call) {
        lock.lock();
        try {
            if (call.done) {
                return;
            }
            call.done = true;
            if (call.cid != 0) {
                pending.remove(call.cid);
            } else {
                outbound.remove(call);
            }
            if (call.handler != null) {
                call.handler.onError(new ClientTimeoutException("Event response for " + call.event + " event timed out"));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void send(String frame) {
        Objects.requireNonNull(frame, "frame");
        lock.lock();
        try {
            if (state != ClientState.OPEN) {
                throw new IllegalStateException("cannot send a raw frame while " + state);
            }
            connection.sendUnbatched(frame);
        } finally {
            lock.unlock();
        }
    }

    private static Payload encoded(Object data) {
        Payload payload = Payload.of(Objects.requireNonNull(data, "data (use Payload.none())"));
        if (!payload.isNone()) {
            payload.json(); // encode outside the lock, and fail the caller early if it cannot be encoded
        }
        return payload;
    }

    // ---- batching ----

    @Override
    public void startBatch() {
        lock.lock();
        try {
            userBatching = true;
            if (state == ClientState.OPEN) {
                ClientThreads.cancel(connection.batchStopTimer);
                startBatchTimer(connection);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flushBatch() {
        lock.lock();
        try {
            if (connection != null && !connection.closed) {
                connection.flushBatch();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stopBatch() {
        lock.lock();
        try {
            userBatching = false;
            stopBatchTimer();
            if (connection != null && !connection.closed) {
                connection.stopBatch();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isBatching() {
        lock.lock();
        try {
            return userBatching || (connection != null && !connection.closed && connection.isBatching());
        } finally {
            lock.unlock();
        }
    }

    private void startBatchTimer(Connection conn) {
        conn.startBatch();
        if (batchTimer == null) {
            long every = options.batchInterval().toMillis();
            batchTimer = ClientThreads.scheduleAtFixedRate(() -> {
                lock.lock();
                try {
                    if (connection == conn && !conn.closed) {
                        conn.flushBatch();
                    }
                } finally {
                    lock.unlock();
                }
            }, every);
        }
    }

    private void stopBatchTimer() {
        ClientThreads.cancel(batchTimer);
        batchTimer = null;
    }

    // =====================================================================================
    // Receivers, procedures, listeners
    // =====================================================================================

    @Override
    public ConsumableStream<Payload> receiver(String event) {
        return receivers.stream(event);
    }

    @Override
    public void closeReceiver(String event) {
        receivers.close(event);
    }

    @Override
    public void killReceiver(String event) {
        receivers.kill(event);
    }

    @Override
    public ConsumableStream<ClientRequest> procedure(String procedure) {
        return procedures.stream(procedure);
    }

    @Override
    public void closeProcedure(String procedure) {
        procedures.close(procedure);
    }

    @Override
    public void killProcedure(String procedure) {
        procedures.kill(procedure);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E extends ClientEvent> ConsumableStream<E> listener(ClientEventKey<E> event) {
        Objects.requireNonNull(event, "event");
        // Only records of type E are ever emitted under this key's name (see emit), so the cast holds.
        return (ConsumableStream<E>) (ConsumableStream<?>) events.listener(event.name());
    }

    @Override
    public ConsumableStream<ClientEvent> listener(String event) {
        return events.listener(event);
    }

    @Override
    public void closeListener(ClientEventKey<?> event) {
        events.closeListener(event.name());
    }

    @Override
    public void killListener(ClientEventKey<?> event) {
        events.killListener(event.name());
    }

    @Override
    public int backpressure() {
        return Math.max(Math.max(events.allListenersBackpressure(), receivers.backpressureAll()),
                Math.max(procedures.backpressureAll(), Math.max(channelData.backpressureAll(),
                        channelEvents.backpressureAll())));
    }

    private <E extends ClientEvent> void emit(ClientEventKey<E> key, E event) {
        events.emit(key.name(), event);
    }

    // =====================================================================================
    // Channels
    // =====================================================================================

    @Override
    public ClientChannel subscribe(String channel) {
        return subscribe(channel, SubscribeOptions.defaults());
    }

    @Override
    public ClientChannel subscribe(String channel, SubscribeOptions subscribeOptions) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(subscribeOptions, "options");
        lock.lock();
        try {
            checkNotTerminated();
            ChannelEntry entry = channels.get(channel);
            if (entry == null) {
                entry = new ChannelEntry(channel, subscribeOptions);
                channels.put(channel, entry);
                trySubscribe(entry);
            } else {
                entry.options = subscribeOptions;
            }
        } finally {
            lock.unlock();
        }
        return new ChannelHandle(this, channel);
    }

    @Override
    public void unsubscribe(String channel) {
        Objects.requireNonNull(channel, "channel");
        lock.lock();
        try {
            ChannelEntry entry = channels.get(channel);
            if (entry != null) {
                boolean tellServer = entry.state == ChannelState.SUBSCRIBED || entry.pendingCid != 0;
                triggerChannelUnsubscribe(entry, false);
                if (tellServer && state == ClientState.OPEN) {
                    connection.send(ScCodec.transmit("#unsubscribe", Payload.of(decorate(channel))));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ClientChannel channel(String channel) {
        return new ChannelHandle(this, Objects.requireNonNull(channel, "channel"));
    }

    @Override
    public List<String> subscriptions(boolean includePending) {
        lock.lock();
        try {
            List<String> names = new ArrayList<>();
            channels.values().forEach(c -> {
                if (includePending || c.state == ChannelState.SUBSCRIBED) {
                    names.add(c.name);
                }
            });
            return List.copyOf(names);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isSubscribed(String channel, boolean includePending) {
        lock.lock();
        try {
            ChannelEntry entry = channels.get(channel);
            return entry != null && (includePending || entry.state == ChannelState.SUBSCRIBED);
        } finally {
            lock.unlock();
        }
    }

    ChannelState channelState(String channel) {
        lock.lock();
        try {
            ChannelEntry entry = channels.get(channel);
            return entry == null ? ChannelState.UNSUBSCRIBED : entry.state;
        } finally {
            lock.unlock();
        }
    }

    SubscribeOptions channelOptions(String channel) {
        lock.lock();
        try {
            ChannelEntry entry = channels.get(channel);
            return entry == null ? SubscribeOptions.defaults() : entry.options;
        } finally {
            lock.unlock();
        }
    }

    ConsumableStream<Payload> channelStream(String channel) {
        return channelData.stream(channel);
    }

    @SuppressWarnings("unchecked")
    <E extends ClientEvent> ConsumableStream<E> channelListener(String channel, ClientEventKey<E> event) {
        if (!event.isChannelEvent()) {
            throw new IllegalArgumentException("channels do not emit " + event.name() + " events");
        }
        return (ConsumableStream<E>) (ConsumableStream<?>) channelEvents.stream(channel + "/" + event.name());
    }

    void closeChannel(String channel, boolean kill) {
        if (kill) {
            channelData.kill(channel);
        } else {
            channelData.close(channel);
        }
        for (ClientEventKey<?> key : ClientEvents.ALL) {
            if (key.isChannelEvent()) {
                if (kill) {
                    channelEvents.kill(channel + "/" + key.name());
                } else {
                    channelEvents.close(channel + "/" + key.name());
                }
            }
        }
    }

    int channelBackpressure(String channel) {
        return channelData.backpressure(channel);
    }

    @Override
    public void processPendingSubscriptions() {
        lock.lock();
        try {
            processPendingSubscriptionsLocked();
        } finally {
            lock.unlock();
        }
    }

    private void processPendingSubscriptionsLocked() {
        preparingPendingSubscriptions = false;
        List<ChannelEntry> pendingChannels = new ArrayList<>();
        for (ChannelEntry entry : channels.values()) {
            if (entry.state == ChannelState.PENDING) {
                pendingChannels.add(entry);
            }
        }
        // Stable: equal priorities keep subscription order.
        pendingChannels.sort(Comparator.comparingInt((ChannelEntry c) -> c.options.priority()).reversed());
        pendingChannels.forEach(this::trySubscribe);
    }

    private void trySubscribe(ChannelEntry entry) {
        boolean meetsAuth = !entry.options.waitForAuth() || authState == AuthState.AUTHENTICATED;
        if (state != ClientState.OPEN || preparingPendingSubscriptions || entry.pendingCid != 0 || !meetsAuth) {
            return;
        }
        SubscribeOptions sent = entry.options;
        StringBuilder request = new StringBuilder("{\"channel\":");
        ScCodec.quote(request, decorate(entry.name));
        if (sent.waitForAuth()) {
            request.append(",\"waitForAuth\":true");
        }
        if (isTruthy(sent.data())) {
            request.append(",\"data\":").append(sent.data().json());
        }
        Connection conn = connection;
        Call call = new Call("#subscribe", Payload.json(request.append('}').toString()), new ReplyHandler() {
            @Override
            public void onReply(Payload data) {
                entry.pendingCid = 0;
                triggerChannelSubscribe(entry, sent);
            }

            @Override
            public void onError(RemoteException error) {
                if (error instanceof BadConnectionException) {
                    return; // stays pending; resubscribed after the reconnect
                }
                entry.pendingCid = 0;
                triggerChannelSubscribeFail(error, entry, sent);
            }
        });
        sendCall(conn, call);
        entry.pendingCid = call.cid;
        emit(ClientEvents.SUBSCRIBE_REQUEST, new ClientEvents.SubscribeRequest(entry.name, sent));
    }

    private static boolean isTruthy(Payload data) {
        if (data.isNone() || data.isNull()) {
            return false;
        }
        Object v = data.value().orElse(null);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0 && !Double.isNaN(n.doubleValue());
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        return v != null;
    }

    private void triggerChannelSubscribe(ChannelEntry entry, SubscribeOptions sent) {
        if (entry.state == ChannelState.SUBSCRIBED || channels.get(entry.name) != entry) {
            return;
        }
        ChannelState old = entry.state;
        entry.state = ChannelState.SUBSCRIBED;
        var change = new ClientEvents.SubscribeStateChange(entry.name, old, ChannelState.SUBSCRIBED);
        var subscribe = new ClientEvents.Subscribe(entry.name, sent);
        channelEvents.write(entry.name + "/" + ClientEvents.SUBSCRIBE_STATE_CHANGE.name(), change);
        channelEvents.write(entry.name + "/" + ClientEvents.SUBSCRIBE.name(), subscribe);
        emit(ClientEvents.SUBSCRIBE_STATE_CHANGE, change);
        emit(ClientEvents.SUBSCRIBE, subscribe);
    }

    private void triggerChannelSubscribeFail(RemoteException error, ChannelEntry entry, SubscribeOptions sent) {
        boolean meetsAuth = !entry.options.waitForAuth() || authState == AuthState.AUTHENTICATED;
        if (channels.get(entry.name) == entry && meetsAuth) {
            channels.remove(entry.name);
            entry.state = ChannelState.UNSUBSCRIBED;
            var fail = new ClientEvents.SubscribeFail(entry.name, error, sent);
            channelEvents.write(entry.name + "/" + ClientEvents.SUBSCRIBE_FAIL.name(), fail);
            emit(ClientEvents.SUBSCRIBE_FAIL, fail);
        }
    }

    /** Subscribed -> pending (disconnect) or unsubscribed (unsubscribe, kick-out); cancels an in-flight subscribe. */
    private void triggerChannelUnsubscribe(ChannelEntry entry, boolean setAsPending) {
        if (entry.pendingCid != 0) {
            Call call = pending.remove(entry.pendingCid);
            if (call != null) {
                call.done = true;
            }
            entry.pendingCid = 0;
        }
        ChannelState next = setAsPending ? ChannelState.PENDING : ChannelState.UNSUBSCRIBED;
        if (entry.state == ChannelState.SUBSCRIBED) {
            var change = new ClientEvents.SubscribeStateChange(entry.name, ChannelState.SUBSCRIBED, next);
            var unsubscribe = new ClientEvents.Unsubscribe(entry.name);
            channelEvents.write(entry.name + "/" + ClientEvents.SUBSCRIBE_STATE_CHANGE.name(), change);
            channelEvents.write(entry.name + "/" + ClientEvents.UNSUBSCRIBE.name(), unsubscribe);
            emit(ClientEvents.SUBSCRIBE_STATE_CHANGE, change);
            emit(ClientEvents.UNSUBSCRIBE, unsubscribe);
        }
        entry.state = next;
        if (!setAsPending) {
            channels.remove(entry.name);
        }
    }

    @Override
    public void transmitPublish(String channel, Object data) {
        Objects.requireNonNull(channel, "channel");
        transmit("#publish", publication(channel, data));
    }

    @Override
    public CompletableFuture<Payload> invokePublish(String channel, Object data) {
        Objects.requireNonNull(channel, "channel");
        return invoke("#publish", publication(channel, data));
    }

    /** {@code {"channel":c,"data":d}}, reusing the data's cached JSON; data omitted when none. */
    private Payload publication(String channel, Object data) {
        Payload payload = encoded(data);
        StringBuilder sb = new StringBuilder("{\"channel\":");
        ScCodec.quote(sb, decorate(channel));
        if (!payload.isNone()) {
            sb.append(",\"data\":").append(payload.json());
        }
        return Payload.json(sb.append('}').toString());
    }

    private String decorate(String channel) {
        return options.channelPrefix().map(p -> p + channel).orElse(channel);
    }

    private String undecorate(String wireName) {
        return options.channelPrefix().filter(wireName::startsWith).map(p -> wireName.substring(p.length()))
                .orElse(wireName);
    }

    // =====================================================================================
    // Auth
    // =====================================================================================

    @Override
    public CompletableFuture<AuthStatus> authenticate(String token) {
        Objects.requireNonNull(token, "token");
        CompletableFuture<AuthStatus> future = new CompletableFuture<>();
        try {
            call("#authenticate", Payload.of(token), options.ackTimeout(), new ReplyHandler() {
                @Override
                public void onReply(Payload data) {
                    Map<?, ?> status = data.value().orElse(null) instanceof Map<?, ?> m ? m : null;
                    boolean isAuthenticated;
                    Optional<RemoteException> authError = Optional.empty();
                    if (status != null && status.get("isAuthenticated") instanceof Boolean b) {
                        isAuthenticated = b;
                        if (status.get("authError") instanceof Map<?, ?> err) {
                            authError = Optional.of(RemoteException.fromPayload(Payload.of(err)));
                        }
                    } else {
                        isAuthenticated = authState == AuthState.AUTHENTICATED;
                    }
                    if (isAuthenticated) {
                        changeToAuthenticated(token);
                        saveToken(token);
                    } else {
                        changeToUnauthenticated();
                    }
                    ClientThreads.complete(future, new AuthStatus(isAuthenticated, authError));
                }

                @Override
                public void onError(RemoteException error) {
                    if (!(error instanceof BadConnectionException) && !(error instanceof ClientTimeoutException)) {
                        changeToUnauthenticated();
                    }
                    ClientThreads.fail(future, error);
                }
            });
        } catch (OutboundOverflowException | IllegalStateException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    @Override
    public CompletableFuture<Void> deauthenticate() {
        CompletableFuture<Void> removed = new CompletableFuture<>();
        lock.lock();
        try {
            removeStoredToken(removed);
            if (state != ClientState.CLOSED) {
                try {
                    transmit("#removeAuthToken");
                } catch (OutboundOverflowException e) {
                    LOG.warn("Could not tell the server about deauthenticate(): {}", e.getMessage());
                }
            }
            changeToUnauthenticated();
        } finally {
            lock.unlock();
        }
        CompletableFuture<Void> view = new CompletableFuture<>();
        removed.whenComplete((v, e) -> ClientThreads.VIRTUAL.execute(() -> {
            if (e != null) {
                view.completeExceptionally(e);
            } else {
                view.complete(null);
            }
        }));
        return view;
    }

    private void changeToAuthenticated(String token) {
        signedAuthToken = token;
        authToken = Jwt.claims(token).orElse(null);
        Map<String, Object> claims = authToken == null ? Map.of() : authToken;
        if (authState != AuthState.AUTHENTICATED) {
            AuthState old = authState;
            authState = AuthState.AUTHENTICATED;
            if (!preparingPendingSubscriptions) {
                processPendingSubscriptionsLocked();
            }
            emit(ClientEvents.AUTH_STATE_CHANGE, new ClientEvents.AuthStateChange(old, AuthState.AUTHENTICATED,
                    Optional.of(token), Optional.ofNullable(authToken)));
        }
        emit(ClientEvents.AUTHENTICATE, new ClientEvents.Authenticate(token, claims));
    }

    private void changeToUnauthenticated() {
        if (authState != AuthState.UNAUTHENTICATED) {
            AuthState old = authState;
            Optional<String> oldSigned = Optional.ofNullable(signedAuthToken);
            Optional<Map<String, Object>> oldClaims = Optional.ofNullable(authToken);
            authState = AuthState.UNAUTHENTICATED;
            signedAuthToken = null;
            authToken = null;
            emit(ClientEvents.AUTH_STATE_CHANGE, new ClientEvents.AuthStateChange(old, AuthState.UNAUTHENTICATED,
                    Optional.empty(), Optional.empty()));
            emit(ClientEvents.DEAUTHENTICATE, new ClientEvents.Deauthenticate(oldSigned, oldClaims));
        }
    }

    // =====================================================================================
    // Helpers
    // =====================================================================================

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** {@code ConnectException: Connection refused}, with the root cause when it says more. */
    private static String describe(Throwable error) {
        StringBuilder sb = new StringBuilder(error.getClass().getSimpleName());
        if (error.getMessage() != null && !error.getMessage().isBlank()) {
            sb.append(": ").append(error.getMessage());
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != error) {
            sb.append(" (caused by ").append(root.getClass().getSimpleName());
            if (root.getMessage() != null && !root.getMessage().isBlank()) {
                sb.append(": ").append(root.getMessage());
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "SwitchboardClient[" + options.uri() + ", " + state + (id == null ? "" : ", id=" + id) + ", "
                    + authState + ", channels=" + channels.size() + "]";
        } finally {
            lock.unlock();
        }
    }

    /** Where the reply of an invoke goes; called under the client's lock, must not block. */
    interface ReplyHandler {
        void onReply(Payload data);

        void onError(RemoteException error);
    }

    /** A transmit ({@code handler == null}) or invoke, buffered or awaiting its reply. Guarded by the lock. */
    static final class Call {
        final String event;
        final Payload data;
        final ReplyHandler handler;
        ScheduledFuture<?> timer;
        long cid;
        boolean done;

        Call(String event, Payload data, ReplyHandler handler) {
            this.event = event;
            this.data = data;
            this.handler = handler;
        }
    }

    /** One entry of the channel map. Guarded by the lock. */
    static final class ChannelEntry {
        final String name;
        SubscribeOptions options;
        ChannelState state = ChannelState.PENDING;
        long pendingCid;

        ChannelEntry(String name, SubscribeOptions options) {
            this.name = name;
            this.options = options;
        }
    }
}
