package dev.switchboard.core.spi;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One namespace's connection to a {@link SioClusterBus}: what this node sends to the other nodes. Every
 * method returns without waiting; the futures complete once the bus accepted the message, and fail with
 * {@link BrokerException} when it could not (disconnected, timed out, closed), never later than the
 * bus' command timeout.
 *
 * <h2>Lifecycle</h2>
 * Opened by {@link SioClusterBus#open}; {@link #close()} stops the listener. Closing the broker closes it.
 */
public interface SioClusterLink extends AutoCloseable {

    /** This node's id in requests and broadcasts ({@code uid}); requests carrying it are this node's own. */
    String uid();

    /** How long a request waits for the other nodes' responses before it fails. */
    Duration requestTimeout();

    /** Completes once the link hears the other nodes (its subscriptions are confirmed). */
    CompletableFuture<Void> ready();

    /** Sends a broadcast to the other nodes (not to this one). */
    CompletableFuture<Void> broadcast(SioClusterBroadcast broadcast);

    /** Sends a request to every node, this one included; the caller sets {@code uid} and {@code type}. */
    CompletableFuture<Void> request(Map<String, Object> request);

    /** Answers {@code request} (which names its requester's {@code uid}). */
    CompletableFuture<Void> respond(Map<String, Object> request, Map<String, Object> response);

    /** How many nodes (this one included) currently hear requests: how many answers a request may get. */
    CompletableFuture<Integer> serverCount();

    @Override
    void close();
}
