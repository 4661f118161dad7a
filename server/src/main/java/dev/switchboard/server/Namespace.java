package dev.switchboard.server;

import dev.switchboard.core.stream.ConsumableStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A Socket.IO namespace: its own sockets, rooms, middleware and handlers over a shared connection.
 * The broadcast methods address every socket of the namespace (see {@link BroadcastOperator}).
 */
public interface Namespace extends BroadcastOperator {
    String name();

    /**
     * Runs for every new socket, on the socket's connection thread, before any of its events: register
     * the socket's handlers here. Several handlers run in the order they were added.
     */
    Namespace onConnection(Consumer<SioSocket> handler);

    /** Adds a connection check; checks run in order, and the first that throws refuses the socket. */
    Namespace use(ConnectMiddleware middleware);

    /** Connected sockets by id. */
    Map<String, SioSocket> sockets();

    /** Adapter events: create-room, delete-room, join-room, leave-room. */
    ConsumableStream<RoomEvent> adapterEvents();

    /**
     * Handles {@code event} sent by {@link #serverSideEmit} on another node (or by an emitter), replacing
     * any earlier handler. Runs on a virtual thread; {@link Ack#send} answers a {@link
     * #serverSideEmitWithAck} with its first argument.
     */
    Namespace onServerSideEmit(String event, EventHandler handler);

    /**
     * Sends {@code event} to the other nodes' {@link #onServerSideEmit} handlers (not to this node's, as in
     * socket.io). Completes once sent; with the in-memory broker there is nobody to send to.
     */
    CompletableFuture<Void> serverSideEmit(String event, Object... args);

    /**
     * Like {@link #serverSideEmit}, and collects one answer per other node. Fails with {@link
     * AckTimeoutException} (holding the answers that arrived) when not every node answered within the
     * request timeout.
     */
    CompletableFuture<List<EventArgs>> serverSideEmitWithAck(String event, Object... args);
}
