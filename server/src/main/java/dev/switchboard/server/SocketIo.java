package dev.switchboard.server;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The Socket.IO side of a server: namespaces over Engine.IO v4 (WebSocket, long-polling and the
 * upgrade), at {@link SocketIoOptions#path()}. The methods of {@link BroadcastOperator} address the
 * main namespace {@code /}, like {@code io.emit} in socket.io.
 */
public interface SocketIo extends BroadcastOperator {
    /** The namespace {@code name}, created on first use. */
    Namespace of(String name);

    /**
     * Dynamic namespaces: a client CONNECT to an unknown name matching {@code pattern} creates it, and
     * {@code setup} configures it (handlers, middleware) before the socket joins.
     */
    void of(Pattern pattern, Consumer<Namespace> setup);

    /** Dynamic namespaces chosen by a predicate on the name. */
    void of(Predicate<String> accept, Consumer<Namespace> setup);

    /** The main namespace {@code /}. */
    Namespace sockets();

    /** Number of Engine.IO connections. */
    int clientsCount();

    /** {@link Namespace#serverSideEmit} on the main namespace. */
    CompletableFuture<Void> serverSideEmit(String event, Object... args);

    /** {@link Namespace#serverSideEmitWithAck} on the main namespace. */
    CompletableFuture<List<EventArgs>> serverSideEmitWithAck(String event, Object... args);
}
