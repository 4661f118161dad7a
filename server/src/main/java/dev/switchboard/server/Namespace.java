package dev.switchboard.server;

import dev.switchboard.core.stream.ConsumableStream;
import java.util.Map;
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
}
