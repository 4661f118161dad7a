package dev.switchboard.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * A client's socket in one Socket.IO namespace.
 *
 * <h2>Lifecycle</h2>
 * Created when the client's CONNECT for the namespace passes the namespace middleware; the
 * namespace's connection handler then runs before any of the socket's events. It is connected until
 * either side disconnects the namespace or the connection ends; {@code disconnecting} handlers run
 * while the socket still has its rooms, {@code disconnect} handlers after it left them.
 *
 * <h2>Threading</h2>
 * Handlers run on the connection's virtual thread, one packet at a time, in order. Emitting is
 * thread-safe and never blocks on the network.
 *
 * <h2>Backpressure</h2>
 * Outbound packets queue in a bounded buffer (the server's {@code outboundBufferLimit}); a client that
 * does not read is disconnected instead of growing memory. {@link #asVolatile()} emits are dropped
 * rather than queued when the transport cannot take them.
 */
public interface SioSocket extends RemoteSocket {
    /** The socket id (not the Engine.IO session id); also the name of a room the socket is in. */
    @Override
    String id();

    Namespace namespace();

    SioHandshake handshake();

    /** The rooms the socket is in, its own id included. */
    @Override
    Set<String> rooms();

    /** Free-form per-socket data, visible to {@code fetchSockets} (on other nodes too, as JSON). */
    @Override
    ConcurrentMap<String, Object> data();

    /** Always true: this socket is connected to this node. */
    @Override
    default boolean local() {
        return true;
    }

    boolean connected();

    /** Registers the handler of {@code event}, replacing any earlier one. */
    SioSocket on(String event, EventHandler handler);

    SioSocket onAny(AnyHandler handler);

    SioSocket onAnyOutgoing(AnyHandler handler);

    SioSocket use(PacketMiddleware middleware);

    /** Runs before the socket leaves its rooms; the argument is the reason. */
    SioSocket onDisconnecting(Consumer<String> handler);

    /** Runs after the socket disconnected; the argument is the reason. */
    SioSocket onDisconnect(Consumer<String> handler);

    /** Errors from packet middleware. */
    SioSocket onError(Consumer<Throwable> handler);

    /** Sends an event. Throws for reserved names ({@code connect}, {@code disconnect}, ...). */
    @Override
    SioSocket emit(String event, Object... args);

    /** Sends an event and waits for the client's acknowledgement (no deadline unless {@link #timeout}). */
    CompletableFuture<EventArgs> emitWithAck(String event, Object... args);

    /** An emitter whose acknowledgements fail with {@link AckTimeoutException} after {@code timeout}. */
    SioEmitter timeout(Duration timeout);

    /** An emitter that drops the packet when the transport is not writable. */
    SioEmitter asVolatile();

    /** Accepted for API parity; compression is never used. */
    SioEmitter compress(boolean compress);

    @Override
    SioSocket join(String... rooms);

    @Override
    SioSocket leave(String room);

    /** Every socket of the namespace but this one. */
    BroadcastOperator broadcast();

    /** The sockets in {@code rooms}, except this one. */
    BroadcastOperator to(String... rooms);

    BroadcastOperator in(String... rooms);

    BroadcastOperator except(String... rooms);

    /** Leaves the namespace; the client sees {@code io server disconnect}. */
    void disconnect();

    /** With {@code close}, ends the whole connection and every namespace on it. */
    @Override
    void disconnect(boolean close);
}
