package dev.switchboard.server;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Selects recipients and emits to them: Socket.IO's broadcast operators. Immutable: every method
 * returns a new operator. Rooms given to {@code to}/{@code in} add up (a union: a socket in several of
 * them receives once); {@code except} removes the sockets of its rooms.
 *
 * <p>Broadcasts go through the server's broker, so they reach every node's sockets unless {@link
 * #local()} is set. The packet is encoded once and the same bytes are written to every recipient.
 *
 * <h2>Cluster-wide utilities</h2>
 * When the broker carries Socket.IO adapter traffic ({@link dev.switchboard.core.spi.SioClusterBus}, as the
 * Redis broker does), {@link #emitWithAck}, {@link #fetchSockets}, {@link #socketsJoin}, {@link
 * #socketsLeave} and {@link #disconnectSockets} act on the sockets of every node, as socket.io's Redis
 * adapter does; otherwise (the in-memory broker) on this node's. {@link #local()} keeps them on this node.
 * Requests that need answers wait at most the bus' request timeout (5 s by default) and fail with {@link
 * dev.switchboard.core.SwitchboardException} when not every node answered; when the broker cannot send
 * at all (Redis down) the futures fail at once, while this node's own sockets are still served.
 */
public interface BroadcastOperator {
    BroadcastOperator to(String... rooms);

    BroadcastOperator to(Collection<String> rooms);

    /** The same as {@link #to(String...)}. */
    BroadcastOperator in(String... rooms);

    BroadcastOperator except(String... rooms);

    BroadcastOperator except(Collection<String> rooms);

    /** Only this node's sockets. */
    BroadcastOperator local();

    /** Skips recipients whose transport cannot take the packet now, instead of queueing it. */
    BroadcastOperator asVolatile();

    /** Accepted for API parity; compression is never used (permessage-deflate is off). */
    BroadcastOperator compress(boolean compress);

    /** The deadline for {@link #emitWithAck}. */
    BroadcastOperator timeout(Duration timeout);

    /** Emits to every selected socket. Throws for reserved event names. */
    void emit(String event, Object... args);

    /**
     * Emits and collects one acknowledgement per recipient, on every node (see above). Completes with all
     * responses, or fails with {@link AckTimeoutException} (holding the responses that arrived) when
     * the {@link #timeout} passes first. Across nodes the deadline is the timeout, or the bus' request
     * timeout when none was set; a remote recipient's answer carries its first argument only, as in
     * socket.io.
     */
    CompletableFuture<List<EventArgs>> emitWithAck(String event, Object... args);

    /**
     * The selected sockets: this node's as {@link SioSocket}s, other nodes' as snapshots. Fails when a
     * node does not answer within the request timeout.
     */
    CompletableFuture<List<RemoteSocket>> fetchSockets();

    /**
     * Makes the selected sockets join {@code rooms}: this node's at once, other nodes' when they get the
     * request. The future completes once the request was sent (no answer is awaited, as in socket.io).
     */
    CompletableFuture<Void> socketsJoin(String... rooms);

    /** Makes the selected sockets leave {@code rooms}; see {@link #socketsJoin}. */
    CompletableFuture<Void> socketsLeave(String... rooms);

    /** Disconnects the selected sockets; with {@code close}, their whole connection. See {@link #socketsJoin}. */
    CompletableFuture<Void> disconnectSockets(boolean close);
}
