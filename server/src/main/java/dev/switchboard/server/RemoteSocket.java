package dev.switchboard.server;

import java.util.Map;
import java.util.Set;

/**
 * A socket as {@link BroadcastOperator#fetchSockets()} reports it: on this node (then it is a {@link
 * SioSocket}) or on another node of the cluster (a snapshot taken when the node answered).
 *
 * <h2>Threading</h2>
 * Thread-safe. On a remote socket, {@link #emit}, {@link #join}, {@link #leave} and {@link #disconnect}
 * are sent to its node through the broker without waiting; a failure is reported to the server's error
 * listener.
 */
public interface RemoteSocket {
    /** The socket id, also the name of a room the socket is in. */
    String id();

    /** The rooms the socket was in, its own id included. */
    Set<String> rooms();

    /** The socket's data, as its node describes it (JSON-like values for a remote socket). */
    Map<String, Object> data();

    /**
     * The handshake as socket.io describes it to other nodes: {@code headers}, {@code time}, {@code
     * address}, {@code xdomain}, {@code secure}, {@code issued}, {@code url}, {@code query}, {@code auth}.
     */
    Map<String, Object> handshakeDetails();

    /** Whether the socket is connected to this node. */
    boolean local();

    /** Sends an event to this socket. Throws for reserved names. */
    RemoteSocket emit(String event, Object... args);

    RemoteSocket join(String... rooms);

    RemoteSocket leave(String room);

    /** Disconnects the socket; with {@code close}, its whole connection. */
    void disconnect(boolean close);
}
