package dev.switchboard.server;

import dev.switchboard.core.SwitchboardException;
import dev.switchboard.core.stream.ConsumableStream;
import dev.switchboard.core.stream.StreamEmitter;
import dev.switchboard.server.auth.AuthEngine;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Netty implementation of {@link SwitchboardServer}. */
final class NettyServer implements SwitchboardServer {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerOptions options;
    private final Middlewares middlewares = new Middlewares();
    private final StreamEmitter<Object> emitter = StreamEmitter.create();
    private final HandoffStream<ServerEvents.Connection> connections = new HandoffStream<>();
    private final ChannelHub hub;
    private final AuthFlow authFlow;
    private final ServerExchange exchange;
    private final SocketIoImpl socketIo;
    private final EioServer eio;
    private final MetricsCounters metricsCounters = new MetricsCounters(this);
    private final GracefulShutdown shutdown = new GracefulShutdown(this);
    private final SseEndpoint sse;
    private final HttpApiRouter httpApi;
    private final MetricsHandler metricsHandler;
    private final ConcurrentHashMap<String, ScSocket> clients = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ScSocket> pending = new ConcurrentHashMap<>();
    private final ExecutorService virtualThreads =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("switchboard-", 0).factory());
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong slowConsumerDisconnects = new AtomicLong();
    private ServerLoops loops;
    private Channel serverChannel;
    private volatile int port;

    NettyServer(ServerOptions options) {
        this.options = options;
        this.hub = new ChannelHub(options.broker().orElseGet(dev.switchboard.core.spi.Broker::inMemory), metricsCounters,
                () -> !middlewares.has(MiddlewareType.OUTBOUND));
        this.authFlow = new AuthFlow(this, AuthEngine.create(options.auth()));
        this.exchange = new ServerExchange(this);
        this.socketIo = new SocketIoImpl(this);
        this.eio = new EioServer(this);
        this.sse = new SseEndpoint(this);
        this.httpApi = new HttpApiRouter(this);
        this.metricsHandler = new MetricsHandler(metricsCounters, shutdown.channels());
    }

    @Override
    public SocketIo socketIo() {
        return socketIo;
    }

    SocketIoImpl socketIoImpl() {
        return socketIo;
    }

    EioServer eio() {
        return eio;
    }

    @Override
    public SwitchboardServer start() {
        if (!started.compareAndSet(false, true)) {
            throw new SwitchboardException("server already started");
        }
        loops = ServerLoops.start();
        int limit = options.outboundBufferLimit();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.boss(), loops.workers())
                .channel(loops.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(limit / 2, limit))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("http", new HttpServerCodec(4096, 16384, 8192));
                        ch.pipeline().addLast("metrics", metricsHandler);
                        ch.pipeline().addLast("aggregator", new HttpApiAggregator(NettyServer.this, aggregateLimit()));
                        ch.pipeline().addLast("router", new HttpHandler(NettyServer.this, false));
                    }
                });
        try {
            serverChannel = bootstrap.bind(options.host(), options.port()).sync().channel();
        } catch (Exception e) {
            shutdownLoops();
            throw new SwitchboardException("cannot bind " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        } 
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        LOG.info("Switchboard listening on {}:{} (SocketCluster at {}, Socket.IO at {}, broker {}, transport {})",
                options.host(), port, options.path(), options.socketIo().path(), hub.broker().name(),
                loops.transport().name().toLowerCase(java.util.Locale.ROOT));
        return this;
    }

    /** Polling POST bodies may reach maxHttpBufferSize; the handler answers 413 above it. */
    private int aggregateLimit() {
        return Math.max(65536, Math.max(options.socketIo().maxHttpBufferSize() + 1024, options.httpApi().maxBodyBytes() + 1));
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public ServerOptions options() {
        return options;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> ConsumableStream<E> listener(EventKey<E> event) {
        if (event.name().equals(ServerEvents.CONNECTION.name())) {
            return (ConsumableStream<E>) connections;
        }
        return (ConsumableStream<E>) emitter.listener(event.name());
    }

    /** How long a socket's packets wait for the connection loops to finish with its connection event. */
    static final java.time.Duration CONNECTION_HANDOFF = java.time.Duration.ofSeconds(5);

    /**
     * Emits a new connection and waits (on the socket's mailbox thread) until every connection loop has
     * taken it and come back for the next one, so handlers set up in the loop body see every packet.
     */
    void emitConnection(ServerEvents.Connection connection) {
        connections.write(connection).await(CONNECTION_HANDOFF);
    }

    <E> void emit(EventKey<E> event, E value) {
        emitter.emit(event.name(), value);
    }

    void warn(Optional<ServerSocket> socket, Throwable error) {
        metricsCounters.warning();
        emit(ServerEvents.WARNING, new ServerEvents.Failure(socket, error));
    }

    void error(Optional<ServerSocket> socket, Throwable error) {
        LOG.debug("socket error", error);
        metricsCounters.error();
        ServerEvents.Failure failure = new ServerEvents.Failure(socket, error);
        socket.ifPresent(s -> ((ScSocket) s).emit(SocketEvents.ERROR, failure));
        emit(ServerEvents.ERROR, failure);
    }

    @Override
    public Exchange exchange() {
        return exchange;
    }

    @Override
    public void setMiddleware(MiddlewareType type, Middleware middleware) {
        middlewares.set(type, middleware);
    }

    @Override
    public void removeMiddleware(MiddlewareType type) {
        middlewares.remove(type);
    }

    Middlewares middlewares() {
        return middlewares;
    }

    ChannelHub hub() {
        return hub;
    }

    AuthFlow authFlow() {
        return authFlow;
    }

    ExecutorService virtualThreads() {
        return virtualThreads;
    }

    /** The event loops, for tests that hold them to force an interleaving; null before start. */
    ServerLoops loops() {
        return loops;
    }

    @Override
    public Collection<ServerSocket> clients() {
        return List.copyOf(clients.values());
    }

    @Override
    public Collection<ServerSocket> pendingClients() {
        return List.copyOf(pending.values());
    }

    @Override
    public Optional<ServerSocket> client(String id) {
        return Optional.ofNullable(clients.get(id));
    }

    @Override
    public ServerStats stats() {
        return new ServerStats(clients.size(), pending.size(), hub.channelCount(), slowConsumerDisconnects.get());
    }

    @Override
    public io.netty.channel.ChannelHandler newHttpHandler() {
        return new HttpHandler(this, true);
    }

    @Override
    public void route(String path, HttpApiRoute route) {
        httpApi.addRoute(path, route);
    }

    @Override
    public MetricsSource metrics() {
        return metricsCounters;
    }

    MetricsCounters metricsCounters() {
        return metricsCounters;
    }

    SseEndpoint sse() {
        return sse;
    }

    HttpApiRouter httpApi() {
        return httpApi;
    }

    boolean isDraining() {
        return shutdown.isDraining();
    }

    /** True once {@link #close()} began: new sessions are refused. */
    boolean isClosing() {
        return closed.get();
    }

    @Override
    public void shutdown(java.time.Duration deadline) {
        java.util.Objects.requireNonNull(deadline, "deadline");
        if (!started.get() || closed.get()) {
            close();
            return;
        }
        shutdown.run(deadline, serverChannel);
    }

    /** Closes every client connection with its protocol's going-away signal, behind what is queued. */
    void tellClients() {
        for (ScSocket socket : clients.values()) {
            socket.disconnect(CloseCodes.GOING_AWAY, "Server is shutting down");
        }
        for (ScSocket socket : pending.values()) {
            socket.disconnect(CloseCodes.GOING_AWAY, "Server is shutting down");
        }
        eio.closeAll("server shutting down");
        sse.closeAll("server shutting down");
    }

    void countSlowConsumer() {
        slowConsumerDisconnects.incrementAndGet();
    }

    static String newId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    void register(ScSocket socket) {
        if (closed.get()) {
            socket.disconnect(CloseCodes.GOING_AWAY, "Server is shutting down"); // accepted while closing
            return;
        }
        pending.put(socket.id(), socket);
        emit(ServerEvents.HANDSHAKE, new ServerEvents.Handshake(socket));
    }

    void promote(ScSocket socket) {
        clients.put(socket.id(), socket); // first, so a concurrent close() sees the socket in one map or both
        pending.remove(socket.id());
    }

    /** Runs on the socket's mailbox after its last inbound frame: the SocketCluster close sequence. */
    void closed(ScSocket socket, int code, String reason) {
        if (!socket.markClosed()) {
            return;
        }
        boolean wasOpen = clients.remove(socket.id()) != null;
        pending.remove(socket.id());
        socket.calls.failAll(() -> BadConnection.closed(wasOpen ? "disconnect" : "connectAbort", code, reason));
        var event = new ServerEvents.Disconnection(socket, code, reason);
        if (wasOpen) {
            socket.emit(SocketEvents.DISCONNECT, event);
            emit(ServerEvents.DISCONNECTION, event);
        } else {
            socket.emit(SocketEvents.CONNECT_ABORT, event);
            emit(ServerEvents.CONNECTION_ABORT, event);
        }
        socket.emit(SocketEvents.CLOSE, event);
        emit(ServerEvents.CLOSURE, event);
        for (String channel : socket.subscriptions()) {
            socket.unsubscribe(channel);
        }
        socket.emit(SocketEvents.END, event);
        switch (options.streamCleanupMode()) {
            case KILL -> {
                socket.receivers.killAll();
                socket.procedures.killAll();
                // Listeners drain: the close events just emitted must still reach their consumers.
                socket.emitter.closeAllListeners();
            }
            case CLOSE -> {
                socket.receivers.closeAll();
                socket.procedures.closeAll();
                socket.emitter.closeAllListeners();
            }
            case NONE -> { }
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Tell clients before the listener closes: a polling client fetches its close packet with a
        // new request, which a closed listener would refuse (a transport error instead of a close).
        // New sessions are refused from here on (closed is set), so a client that reconnects at once
        // cannot land on this dying server.
        List<ScSocket> sockets = new java.util.ArrayList<>(clients.values());
        sockets.addAll(pending.values());
        tellClients();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        awaitClosed(sockets, deadline);
        eio.awaitNoSessions(deadline);
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        shutdownLoops();
        connections.close();
        exchange.close();
        socketIo.closeCluster();
        hub.broker().close();
        virtualThreads.shutdown();
    }

    /** Gives close handshakes a moment to finish, so clients see 1001 rather than a cut connection. */
    private static void awaitClosed(List<ScSocket> sockets, long deadline) {
        for (ScSocket socket : sockets) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            socket.connection.channel().closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS);
        }
    }

    private void shutdownLoops() {
        if (loops != null) {
            loops.shutdown();
        }
    }
}
