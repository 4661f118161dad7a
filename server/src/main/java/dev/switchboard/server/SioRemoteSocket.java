package dev.switchboard.server;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A socket of another node, as its node described it in a {@code fetchSockets} answer. Its operations
 * address the room named by its id through the cluster, as socket.io's {@code RemoteSocket} does.
 */
final class SioRemoteSocket implements RemoteSocket {
    private final SioNamespaceImpl namespace;
    private final String id;
    private final Set<String> rooms;
    private final Map<String, Object> data;
    private final Map<String, Object> handshake;

    private SioRemoteSocket(SioNamespaceImpl namespace, String id, Set<String> rooms, Map<String, Object> data,
            Map<String, Object> handshake) {
        this.namespace = namespace;
        this.id = id;
        this.rooms = rooms;
        this.data = data;
        this.handshake = handshake;
    }

    static SioRemoteSocket of(SioNamespaceImpl namespace, Map<?, ?> described) {
        Set<String> rooms = new LinkedHashSet<>(SioClusterRequestHandler.stringList(described.get("rooms")));
        return new SioRemoteSocket(namespace, String.valueOf(described.get("id")),
                java.util.Collections.unmodifiableSet(rooms),
                unmodifiable(SioClusterRequestHandler.mapOf(described.get("data"))),
                unmodifiable(SioClusterRequestHandler.mapOf(described.get("handshake"))));
    }

    private static Map<String, Object> unmodifiable(Map<String, Object> map) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }

    @Override public String id() { return id; }
    @Override public Set<String> rooms() { return rooms; }
    @Override public Map<String, Object> data() { return data; }
    @Override public Map<String, Object> handshakeDetails() { return handshake; }
    @Override public boolean local() { return false; }

    private BroadcastOperator self() {
        return namespace.to(id);
    }

    private void report(CompletableFuture<?> sent) {
        sent.whenComplete((v, e) -> {
            if (e != null) {
                namespace.io().server().error(Optional.empty(), e);
            }
        });
    }

    @Override
    public RemoteSocket emit(String event, Object... args) {
        self().emit(event, args);
        return this;
    }

    @Override
    public RemoteSocket join(String... joined) {
        report(self().socketsJoin(joined));
        return this;
    }

    @Override
    public RemoteSocket leave(String room) {
        report(self().socketsLeave(room));
        return this;
    }

    @Override
    public void disconnect(boolean close) {
        report(self().disconnectSockets(close));
    }

    @Override
    public String toString() {
        return "RemoteSocket[" + id + " " + namespace.name() + " rooms=" + List.copyOf(rooms) + "]";
    }
}
