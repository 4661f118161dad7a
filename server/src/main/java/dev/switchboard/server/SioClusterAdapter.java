package dev.switchboard.server;

import dev.switchboard.core.SwitchboardException;
import dev.switchboard.core.internal.SerialExecutor;
import dev.switchboard.core.spi.SioClusterBroadcast;
import dev.switchboard.core.spi.SioClusterBus;
import dev.switchboard.core.spi.SioClusterLink;
import dev.switchboard.core.spi.SioClusterListener;
import dev.switchboard.protocol.sio.SioEncoded;
import dev.switchboard.protocol.sio.SioEncoder;
import dev.switchboard.protocol.sio.SioPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One namespace's side of socket.io's Redis adapter protocol: broadcasts to and from other nodes, and the
 * requests ({@code REMOTE_JOIN} ... {@code BROADCAST}) with their responses. Requests this node makes are
 * applied to its own sockets at once, so they keep working while the bus is down; the copies the bus
 * echoes back (same {@code uid}) are ignored. Everything heard from the bus runs in arrival order on one
 * virtual thread at a time (a {@link SerialExecutor}), off the bus' I/O threads, since it may run user
 * code (disconnect handlers, server-side-emit handlers).
 */
final class SioClusterAdapter implements SioClusterListener {
    static final int SOCKETS = 0;
    static final int ALL_ROOMS = 1;
    static final int REMOTE_JOIN = 2;
    static final int REMOTE_LEAVE = 3;
    static final int REMOTE_DISCONNECT = 4;
    static final int REMOTE_FETCH = 5;
    static final int SERVER_SIDE_EMIT = 6;
    static final int BROADCAST = 7;
    static final int BROADCAST_CLIENT_COUNT = 8;
    static final int BROADCAST_ACK = 9;

    private final SioNamespaceImpl namespace;
    private final SioClusterLink link;
    private final SerialExecutor inbox;
    private final SioClusterRequests requests;
    private final ConcurrentHashMap<String, SioClusterAcks> ackRequests = new ConcurrentHashMap<>();

    SioClusterAdapter(SioNamespaceImpl namespace, SioClusterBus bus) {
        this.namespace = namespace;
        NettyServer server = namespace.io().server();
        this.inbox = new SerialExecutor(server.virtualThreads(), t -> server.error(Optional.empty(), t));
        this.requests = new SioClusterRequests();
        this.link = bus.open(namespace.name(), this);
    }

    CompletableFuture<Void> ready() {
        return link.ready();
    }

    void close() {
        link.close();
        requests.failAll(new SwitchboardException("the server is closing"));
    }

    private void report(CompletableFuture<?> sent) {
        sent.whenComplete((v, error) -> {
            if (error != null) {
                namespace.io().server().error(Optional.empty(), error);
            }
        });
    }

    private static Map<String, Object> opts(Set<String> to, Set<String> except) {
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("rooms", List.copyOf(to));
        opts.put("except", List.copyOf(except));
        return opts;
    }

    private Map<String, Object> request(int type) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("uid", link.uid());
        request.put("type", type);
        return request;
    }

    // ---- outgoing ----

    void broadcast(Set<String> to, Set<String> except, boolean dropIfBusy, List<Object> eventAndArgs) {
        Map<String, Object> flags = dropIfBusy ? Map.of("volatile", true) : Map.of();
        report(link.broadcast(new SioClusterBroadcast(namespace.name(), 2, eventAndArgs, to, except, flags)));
    }

    CompletableFuture<Void> roomsRequest(int type, Set<String> to, Set<String> except, List<String> rooms) {
        Map<String, Object> request = request(type);
        request.put("opts", opts(to, except));
        request.put("rooms", List.copyOf(rooms));
        return link.request(request);
    }

    CompletableFuture<Void> disconnectRequest(Set<String> to, Set<String> except, boolean close) {
        Map<String, Object> request = request(REMOTE_DISCONNECT);
        request.put("opts", opts(to, except));
        request.put("close", close);
        return link.request(request);
    }

    /** {@code mine} plus every other node's selection; fails unless every node answers in time. */
    CompletableFuture<List<RemoteSocket>> fetchSockets(Set<String> to, Set<String> except, List<RemoteSocket> mine) {
        return link.serverCount().thenCompose(nodes -> {
            if (nodes <= 1) {
                return CompletableFuture.completedFuture(mine);
            }
            Map<String, Object> request = request(REMOTE_FETCH);
            String requestId = SioClusterRequests.newId();
            request.put("requestId", requestId);
            request.put("opts", opts(to, except));
            CompletableFuture<List<Object>> answers = requests.expect(requestId, nodes - 1, link.requestTimeout(),
                    response -> response.get("sockets") instanceof List<?> sockets ? java.util.Collections.singletonList(sockets) : null,
                    received -> new SwitchboardException("timeout reached while waiting for fetchSockets response ("
                            + received.size() + " of " + (nodes - 1) + " nodes answered)"));
            return link.request(request).whenComplete((v, e) -> {
                if (e != null) {
                    requests.fail(requestId, e);
                }
            }).thenCompose(v -> answers).thenApply(lists -> {
                List<RemoteSocket> all = new ArrayList<>(mine);
                for (Object list : lists) {
                    for (Object socket : (List<?>) list) {
                        if (socket instanceof Map<?, ?> m) {
                            all.add(SioRemoteSocket.of(namespace, m));
                        }
                    }
                }
                return List.copyOf(all);
            });
        });
    }

    CompletableFuture<Void> serverSideEmit(String event, Object[] args) {
        Map<String, Object> request = request(SERVER_SIDE_EMIT);
        request.put("data", eventAndArgs(event, args));
        return link.request(request);
    }

    CompletableFuture<List<EventArgs>> serverSideEmitWithAck(String event, Object[] args) {
        return link.serverCount().thenCompose(nodes -> {
            int others = nodes - 1;
            if (others <= 0) {
                return CompletableFuture.completedFuture(List.of());
            }
            String requestId = SioClusterRequests.newId();
            Map<String, Object> request = request(SERVER_SIDE_EMIT);
            request.put("requestId", requestId);
            request.put("data", eventAndArgs(event, args));
            CompletableFuture<List<Object>> answers = requests.expect(requestId, others, link.requestTimeout(),
                    response -> java.util.Collections.singletonList(response.get("data")),
                    received -> new AckTimeoutException(received.stream()
                            .map(a -> new EventArgs(java.util.Collections.singletonList(a))).toList()));
            return link.request(request).whenComplete((v, e) -> {
                if (e != null) {
                    requests.fail(requestId, e);
                }
            }).thenCompose(v -> answers).thenApply(list -> list.stream()
                    .map(a -> new EventArgs(java.util.Collections.singletonList(a))).toList());
        });
    }

    /** Emits to the selection on every node and gathers the acknowledgements; see {@link SioClusterAcks}. */
    CompletableFuture<List<EventArgs>> broadcastWithAck(Set<String> to, Set<String> except, Optional<Duration> timeout,
            String event, Object[] args) {
        Duration deadline = timeout.orElse(link.requestTimeout());
        String requestId = SioClusterRequests.newId();
        SioClusterAcks acks = new SioClusterAcks(deadline, () -> ackRequests.remove(requestId));
        ackRequests.put(requestId, acks);
        Map<String, Object> packet = new LinkedHashMap<>();
        packet.put("type", 2);
        packet.put("data", eventAndArgs(event, args));
        packet.put("nsp", namespace.name());
        Map<String, Object> opts = opts(to, except);
        opts.put("flags", Map.of("timeout", deadline.toMillis()));
        Map<String, Object> request = request(BROADCAST);
        request.put("requestId", requestId);
        request.put("packet", packet);
        request.put("opts", opts);
        link.request(request).whenComplete((v, e) -> {
            if (e != null) {
                acks.fail(e);
            }
        });
        List<SioSocketImpl> recipients = List.copyOf(namespace.rooms().select(to, except));
        for (SioSocketImpl socket : recipients) {
            socket.emitWithAck(event, Optional.of(deadline), false, args).thenAccept(acks::ack);
        }
        acks.clientCount(recipients.size());
        link.serverCount().whenComplete((nodes, e) -> {
            if (e != null) {
                acks.fail(e);
            } else {
                acks.serverCount(nodes);
            }
        });
        return acks.result();
    }

    private static List<Object> eventAndArgs(String event, Object[] args) {
        List<Object> list = new ArrayList<>(args.length + 1);
        list.add(event);
        list.addAll(Arrays.asList(args));
        return list;
    }

    // ---- incoming (bus I/O threads: hand over to the inbox) ----

    @Override
    public void broadcast(SioClusterBroadcast broadcast) {
        if (broadcast.namespace().equals(namespace.name()) && (broadcast.packetType() == 2 || broadcast.packetType() == 5)
                && !broadcast.data().isEmpty()) {
            inbox.execute(() -> deliver(broadcast));
        }
    }

    @Override
    public void request(Map<String, Object> request) {
        inbox.execute(() -> SioClusterRequestHandler.handle(this, request));
    }

    @Override
    public void response(Map<String, Object> response) {
        Object id = response.get("requestId");
        if (id == null) {
            return;
        }
        String requestId = String.valueOf(id);
        SioClusterAcks acks = ackRequests.get(requestId);
        if (acks != null) {
            int type = SioClusterRequestHandler.intOf(response.get("type"));
            if (type == BROADCAST_CLIENT_COUNT) {
                acks.clientCount(SioClusterRequestHandler.intOf(response.get("clientCount")));
            } else if (type == BROADCAST_ACK) {
                acks.ack(new EventArgs(java.util.Collections.singletonList(response.get("packet"))));
            }
            return;
        }
        requests.accept(requestId, response);
    }

    private void deliver(SioClusterBroadcast broadcast) {
        SioEncoded encoded = SioEncoder.encode(SioPacket.event(namespace.name(), broadcast.data(), OptionalLong.empty()));
        EventArgs args = new EventArgs(broadcast.data().subList(1, broadcast.data().size()));
        namespace.rooms().deliver(broadcast.rooms(), broadcast.except(), broadcast.isVolatile(), encoded.text(),
                encoded.attachments(), String.valueOf(broadcast.data().get(0)), () -> args);
    }

    SioNamespaceImpl namespace() {
        return namespace;
    }

    SioClusterLink link() {
        return link;
    }

    boolean isOwnAckRequest(String requestId) {
        return ackRequests.containsKey(requestId);
    }
}
