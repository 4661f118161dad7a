package dev.switchboard.server;

import dev.switchboard.core.stream.ConsumableStream;
import java.util.Collection;
import java.util.Optional;

/**
 * A Switchboard server: SocketCluster's protocol at {@link ServerOptions#path()} over WebSocket, on
 * Netty.
 *
 * <h2>Lifecycle</h2>
 * {@link #start()} binds the port and returns once the server accepts connections; {@link #close()}
 * closes every socket with 1001, stops accepting, releases the event loops and closes the broker.
 * {@link #shutdown(java.time.Duration)} does the same gracefully: it first lets what was accepted reach
 * the clients and waits, up to a deadline, for their connections to close. A closed server cannot be
 * started again; build a new one.
 *
 * <p>Besides SocketCluster and Socket.IO, the port serves plain HTTP: Server-Sent Events, the publish
 * API and the probes of {@link HttpApiOptions}, and routes added with {@link #route}.
 *
 * <h2>Threading</h2>
 * Netty's event loops (one per core) move bytes and never run user code. Middleware, auth and the
 * handling of each socket's packets run in order on that socket's virtual thread; only a pong, or a
 * small call or transmit while no inbound middleware is installed, is decoded on the event loop
 * straight into the socket's streams when the socket has nothing else queued. Every stream a user
 * consumes is read on the user's own virtual threads, e.g.
 * <pre>{@code
 * var server = SwitchboardServer.create(ServerOptions.builder().port(8000).build()).start();
 * Thread.ofVirtual().start(() -> {
 *     for (var connection : server.listener(ServerEvents.CONNECTION)) {
 *         var socket = connection.socket();
 *         var foo = socket.receiver("foo").createConsumer(); // buffers from now on
 *         Thread.ofVirtual().start(() -> { for (var data : foo) System.out.println(data); });
 *     }
 * });
 * }</pre>
 */
public interface SwitchboardServer extends AutoCloseable {

    /** A server with these options; call {@link #start()} to bind. */
    static SwitchboardServer create(ServerOptions options) {
        return new NettyServer(options);
    }

    /** Binds and starts accepting connections. Returns this server. */
    SwitchboardServer start();

    /** The bound port (useful with port 0). */
    int port();

    ServerOptions options();

    /** Server-wide events: connections, disconnections, subscriptions, auth changes, errors. */
    <E> ConsumableStream<E> listener(EventKey<E> event);

    /** The Socket.IO endpoint: namespaces, rooms and broadcasts. */
    SocketIo socketIo();

    /** Server-side publish and subscribe. */
    Exchange exchange();

    /** Installs the middleware for {@code type}, replacing any earlier one. */
    void setMiddleware(MiddlewareType type, Middleware middleware);

    void removeMiddleware(MiddlewareType type);

    /** Sockets that completed their handshake. */
    Collection<ServerSocket> clients();

    /** Sockets still waiting for their handshake. */
    Collection<ServerSocket> pendingClients();

    Optional<ServerSocket> client(String id);

    /** Current counters. */
    ServerStats stats();

    /**
     * A handler that serves Switchboard inside an existing Netty server, instead of {@link #start()}.
     * Put it after an {@code HttpServerCodec} and an {@code HttpObjectAggregator} in your pipeline; it
     * takes WebSocket upgrades at {@link ServerOptions#path()} and passes every other request on to the
     * next handler. Create one per channel.
     */
    io.netty.channel.ChannelHandler newHttpHandler();

    /**
     * Serves {@code route} for requests whose path is exactly {@code path} (on the server's port, or
     * through {@link #newHttpHandler()}), ahead of the built-in SSE, publish API and probe paths. Call
     * any time; a later call for the same path replaces the route. See {@link HttpApiRoute} for its
     * threading.
     *
     * @throws IllegalArgumentException if {@code path} does not start with {@code /} or is the
     *     SocketCluster endpoint
     */
    void route(String path, HttpApiRoute route);

    /** Live counters for metrics exporters; the same object for the server's whole life. */
    MetricsSource metrics();

    /**
     * Graceful shutdown: stops accepting, waits for accepted publishes, tells every client (SocketCluster
     * 1001, Socket.IO reason {@code server shutting down}, SSE streams end) behind what is already queued
     * for it, waits up to {@code deadline} for connections to close, cuts the rest, then {@link #close()}s.
     * Blocks the caller for at most about {@code deadline} plus a few seconds of event-loop shutdown.
     * {@code /readyz} answers 503 from the first moment. Idempotent; on a server never started it just
     * closes.
     */
    void shutdown(java.time.Duration deadline);

    /** Closes every socket with 1001 and releases resources at once, without draining. Idempotent. */
    @Override
    void close();
}
