package dev.switchboard.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** An immutable selection of a namespace's sockets, with flags; see {@link BroadcastOperator}. */
final class SioBroadcast implements BroadcastOperator {
    private final SioNamespaceImpl namespace;
    private final Set<String> rooms;
    private final Set<String> except;
    private final boolean local;
    private final boolean dropIfBusy;
    private final Optional<Duration> timeout;

    SioBroadcast(SioNamespaceImpl namespace, Set<String> rooms, Set<String> except, boolean local, boolean dropIfBusy,
            Optional<Duration> timeout) {
        this.namespace = namespace;
        this.rooms = Set.copyOf(rooms);
        this.except = Set.copyOf(except);
        this.local = local;
        this.dropIfBusy = dropIfBusy;
        this.timeout = timeout;
    }

    static SioBroadcast all(SioNamespaceImpl namespace) {
        return new SioBroadcast(namespace, Set.of(), Set.of(), false, false, Optional.empty());
    }

    private static Set<String> plus(Set<String> a, Collection<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    @Override
    public BroadcastOperator to(String... more) {
        return to(Arrays.asList(more));
    }

    @Override
    public BroadcastOperator to(Collection<String> more) {
        return new SioBroadcast(namespace, plus(rooms, more), except, local, dropIfBusy, timeout);
    }

    @Override
    public BroadcastOperator in(String... more) {
        return to(more);
    }

    @Override
    public BroadcastOperator except(String... more) {
        return except(Arrays.asList(more));
    }

    @Override
    public BroadcastOperator except(Collection<String> more) {
        return new SioBroadcast(namespace, rooms, plus(except, more), local, dropIfBusy, timeout);
    }

    @Override
    public BroadcastOperator local() {
        return new SioBroadcast(namespace, rooms, except, true, dropIfBusy, timeout);
    }

    @Override
    public BroadcastOperator asVolatile() {
        return new SioBroadcast(namespace, rooms, except, local, true, timeout);
    }

    @Override
    public BroadcastOperator compress(boolean compress) {
        return this;
    }

    @Override
    public BroadcastOperator timeout(Duration d) {
        return new SioBroadcast(namespace, rooms, except, local, dropIfBusy, Optional.of(d));
    }

    @Override
    public void emit(String event, Object... args) {
        namespace.broadcast(rooms, except, local, dropIfBusy, event, args);
    }

    @Override
    public CompletableFuture<List<EventArgs>> emitWithAck(String event, Object... args) {
        return namespace.broadcastWithAck(rooms, except, local, timeout, event, args);
    }

    @Override
    public CompletableFuture<List<RemoteSocket>> fetchSockets() {
        return namespace.fetchSockets(rooms, except, local);
    }

    @Override
    public CompletableFuture<Void> socketsJoin(String... joined) {
        return namespace.socketsJoin(rooms, except, local, List.of(joined));
    }

    @Override
    public CompletableFuture<Void> socketsLeave(String... left) {
        return namespace.socketsLeave(rooms, except, local, List.of(left));
    }

    @Override
    public CompletableFuture<Void> disconnectSockets(boolean close) {
        return namespace.disconnectSockets(rooms, except, local, close);
    }
}
