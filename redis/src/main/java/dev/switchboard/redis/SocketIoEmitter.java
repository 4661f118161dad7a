package dev.switchboard.redis;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * A selection of one Socket.IO namespace's sockets, on every node, for a {@link RedisEmitter}. Immutable:
 * {@link #to}, {@link #except} and {@link #asVolatile} return new selections. Rooms given to {@code to}
 * add up (a socket in several receives once); {@code except} removes the sockets of its rooms.
 *
 * <p>Each operation is one Redis {@code PUBLISH}; the future completes when Redis accepted it, and fails
 * with {@link dev.switchboard.core.spi.BrokerException} otherwise (see {@link RedisEmitter}). The nodes
 * apply it when it arrives; nobody answers.
 */
public interface SocketIoEmitter {
    /** The namespace, such as {@code /}. */
    String namespace();

    SocketIoEmitter to(String... rooms);

    SocketIoEmitter to(Collection<String> rooms);

    /** The same as {@link #to(String...)}. */
    SocketIoEmitter in(String... rooms);

    SocketIoEmitter except(String... rooms);

    /** Recipients whose transport cannot take the packet now are skipped instead of queueing it. */
    SocketIoEmitter asVolatile();

    /**
     * Emits an event to the selected sockets; {@code byte[]} arguments travel as binary. Throws {@link
     * IllegalArgumentException} for reserved event names ({@code connect}, {@code disconnect}, ...).
     */
    CompletableFuture<Void> emit(String event, Object... args);

    /** Makes the selected sockets join {@code rooms}. */
    CompletableFuture<Void> socketsJoin(String... rooms);

    /** Makes the selected sockets leave {@code rooms}. */
    CompletableFuture<Void> socketsLeave(String... rooms);

    /** Disconnects the selected sockets; with {@code close}, their whole connection. */
    CompletableFuture<Void> disconnectSockets(boolean close);

    /**
     * Sends {@code event} to every node's {@code onServerSideEmit} handler of this namespace (the
     * selection does not apply). Acknowledgements are not supported, as in socket.io's emitter.
     */
    CompletableFuture<Void> serverSideEmit(String event, Object... args);
}
