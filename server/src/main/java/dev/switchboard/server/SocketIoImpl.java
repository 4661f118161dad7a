package dev.switchboard.server;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The server's {@link SocketIo}: the namespace registry, with dynamic parents tried in order. */
final class SocketIoImpl implements SocketIo {
    private record Parent(Predicate<String> accept, Consumer<Namespace> setup) {}

    private final NettyServer server;
    private final ConcurrentHashMap<String, SioNamespaceImpl> namespaces = new ConcurrentHashMap<>();
    private final List<Parent> parents = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.locks.ReentrantLock creating = new java.util.concurrent.locks.ReentrantLock();

    SocketIoImpl(NettyServer server) {
        this.server = server;
    }

    NettyServer server() {
        return server;
    }

    /** Stops every namespace's cluster traffic; pending cluster requests fail. */
    void closeCluster() {
        namespaces.values().forEach(SioNamespaceImpl::closeCluster);
    }

    SocketIoOptions options() {
        return server.options().socketIo();
    }

    @Override
    public Namespace of(String name) {
        String normalized = name.startsWith("/") ? name : "/" + name;
        return namespaces.computeIfAbsent(normalized, n -> new SioNamespaceImpl(this, n));
    }

    @Override
    public void of(Pattern pattern, Consumer<Namespace> setup) {
        parents.add(new Parent(name -> pattern.matcher(name).matches(), setup));
    }

    @Override
    public void of(Predicate<String> accept, Consumer<Namespace> setup) {
        parents.add(new Parent(accept, setup));
    }

    /** The namespace a client CONNECT names: an existing one, or a new child of a matching parent. */
    Optional<SioNamespaceImpl> lookup(String name) {
        if (name.equals("/")) {
            return Optional.of((SioNamespaceImpl) of("/")); // the main namespace always exists, as in socket.io
        }
        SioNamespaceImpl existing = namespaces.get(name);
        if (existing != null) {
            return Optional.of(existing);
        }
        // A child becomes visible only once its parent's setup (middleware, handlers) has run, or a
        // concurrent CONNECT to the same name would join it unchecked.
        creating.lock();
        try {
            existing = namespaces.get(name);
            if (existing != null) {
                return Optional.of(existing);
            }
            for (Parent parent : parents) {
                if (parent.accept().test(name)) {
                    SioNamespaceImpl child = new SioNamespaceImpl(this, name);
                    parent.setup().accept(child);
                    SioNamespaceImpl raced = namespaces.putIfAbsent(name, child);
                    return Optional.of(raced != null ? raced : child);
                }
            }
            return Optional.empty();
        } finally {
            creating.unlock();
        }
    }

    @Override
    public Namespace sockets() {
        return of("/");
    }

    @Override
    public int clientsCount() {
        return server.eio().sessionCount();
    }

    @Override public BroadcastOperator to(String... rooms) { return sockets().to(rooms); }
    @Override public BroadcastOperator to(Collection<String> rooms) { return sockets().to(rooms); }
    @Override public BroadcastOperator in(String... rooms) { return sockets().in(rooms); }
    @Override public BroadcastOperator except(String... rooms) { return sockets().except(rooms); }
    @Override public BroadcastOperator except(Collection<String> rooms) { return sockets().except(rooms); }
    @Override public BroadcastOperator local() { return sockets().local(); }
    @Override public BroadcastOperator asVolatile() { return sockets().asVolatile(); }
    @Override public BroadcastOperator compress(boolean compress) { return sockets().compress(compress); }
    @Override public BroadcastOperator timeout(Duration timeout) { return sockets().timeout(timeout); }
    @Override public void emit(String event, Object... args) { sockets().emit(event, args); }
    @Override public CompletableFuture<List<EventArgs>> emitWithAck(String event, Object... args) {
        return sockets().emitWithAck(event, args);
    }
    @Override public CompletableFuture<List<RemoteSocket>> fetchSockets() { return sockets().fetchSockets(); }
    @Override public CompletableFuture<Void> socketsJoin(String... rooms) { return sockets().socketsJoin(rooms); }
    @Override public CompletableFuture<Void> socketsLeave(String... rooms) { return sockets().socketsLeave(rooms); }
    @Override public CompletableFuture<Void> disconnectSockets(boolean close) { return sockets().disconnectSockets(close); }
    @Override public CompletableFuture<Void> serverSideEmit(String event, Object... args) {
        return sockets().serverSideEmit(event, args);
    }
    @Override public CompletableFuture<List<EventArgs>> serverSideEmitWithAck(String event, Object... args) {
        return sockets().serverSideEmitWithAck(event, args);
    }
}
