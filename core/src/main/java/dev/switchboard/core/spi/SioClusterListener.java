package dev.switchboard.core.spi;

import java.util.Map;

/**
 * Hears a namespace's adapter traffic on a {@link SioClusterLink}. Called on the bus' I/O threads, one
 * message at a time, in arrival order; implementations must not block (hand user code to other threads).
 */
public interface SioClusterListener {

    /** A broadcast from another node or from an emitter; this node's own broadcasts are not echoed. */
    void broadcast(SioClusterBroadcast broadcast);

    /**
     * A request to every node ({@code type}, {@code uid} of the requester, {@code requestId} when an answer
     * is expected, and the type's fields), this node's own requests included: the receiver decides.
     */
    void request(Map<String, Object> request);

    /** A response to a request, on the shared or on this node's own response channel. */
    void response(Map<String, Object> response);
}
