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
     * Emits and collects one acknowledgement per recipient (this node's recipients). Completes with all
     * responses, or fails with {@link AckTimeoutException} (holding the responses that arrived) when
     * the {@link #timeout} passes first.
     */
    CompletableFuture<List<EventArgs>> emitWithAck(String event, Object... args);

    /** The selected sockets. */
    List<SioSocket> fetchSockets();

    /** Makes the selected sockets join {@code rooms}. */
    void socketsJoin(String... rooms);

    void socketsLeave(String... rooms);

    /** Disconnects the selected sockets; with {@code close}, their whole connection. */
    void disconnectSockets(boolean close);
}
