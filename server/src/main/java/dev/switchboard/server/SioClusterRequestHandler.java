package dev.switchboard.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers the requests other nodes and emitters send to a namespace (socket.io Redis adapter request
 * types), on the namespace's cluster inbox. This node's own requests were applied when made and are
 * skipped here.
 */
final class SioClusterRequestHandler {
    private SioClusterRequestHandler() {}

    static void handle(SioClusterAdapter adapter, Map<String, Object> request) {
        SioNamespaceImpl namespace = adapter.namespace();
        boolean mine = adapter.link().uid().equals(request.get("uid"));
        int type = intOf(request.get("type"));
        switch (type) {
            case SioClusterAdapter.REMOTE_JOIN, SioClusterAdapter.REMOTE_LEAVE -> {
                if (!mine) {
                    joinOrLeave(adapter, request, type == SioClusterAdapter.REMOTE_JOIN);
                }
            }
            case SioClusterAdapter.REMOTE_DISCONNECT -> {
                if (!mine) {
                    disconnect(adapter, request);
                }
            }
            case SioClusterAdapter.REMOTE_FETCH -> {
                if (!mine && request.get("requestId") != null) {
                    Map<String, Object> opts = mapOf(request.get("opts"));
                    List<Object> sockets = new ArrayList<>();
                    for (SioSocketImpl socket : select(namespace, opts)) {
                        Map<String, Object> described = new LinkedHashMap<>();
                        described.put("id", socket.id());
                        described.put("handshake", socket.handshakeDetails());
                        described.put("rooms", List.copyOf(socket.rooms()));
                        described.put("data", Map.copyOf(socket.data()));
                        sockets.add(described);
                    }
                    respond(adapter, request, "sockets", sockets);
                }
            }
            case SioClusterAdapter.SOCKETS -> {
                if (!mine && request.get("requestId") != null) {
                    Set<String> rooms = Set.copyOf(stringList(request.get("rooms")));
                    respond(adapter, request, "sockets",
                            select(namespace, rooms, Set.of()).stream().map(s -> (Object) s.id()).toList());
                }
            }
            case SioClusterAdapter.ALL_ROOMS -> {
                if (!mine && request.get("requestId") != null) {
                    respond(adapter, request, "rooms", List.copyOf(namespace.rooms().names()));
                }
            }
            case SioClusterAdapter.SERVER_SIDE_EMIT -> {
                if (!mine) {
                    serverSideEmitted(adapter, request);
                }
            }
            case SioClusterAdapter.BROADCAST -> {
                Object requestId = request.get("requestId");
                if (requestId != null && !adapter.isOwnAckRequest(String.valueOf(requestId))) {
                    broadcastWithAck(adapter, request, String.valueOf(requestId));
                }
            }
            default -> { } // responses and unknown types are not requests for this node
        }
    }

    private static void joinOrLeave(SioClusterAdapter adapter, Map<String, Object> request, boolean join) {
        SioNamespaceImpl namespace = adapter.namespace();
        if (request.get("opts") instanceof Map<?, ?>) {
            Map<String, Object> opts = mapOf(request.get("opts"));
            List<String> rooms = stringList(request.get("rooms"));
            Set<String> to = Set.copyOf(stringList(opts.get("rooms")));
            Set<String> except = Set.copyOf(stringList(opts.get("except")));
            if (join) {
                namespace.joinLocal(to, except, rooms);
            } else {
                namespace.leaveLocal(to, except, rooms);
            }
            return;
        }
        // the older single-socket form: {sid, room, requestId}, answered by the socket's node only
        SioSocket socket = namespace.sockets().get(String.valueOf(request.get("sid")));
        if (socket == null) {
            return;
        }
        String room = String.valueOf(request.get("room"));
        if (join) {
            socket.join(room);
        } else {
            socket.leave(room);
        }
        respond(adapter, request, null, null);
    }

    private static void disconnect(SioClusterAdapter adapter, Map<String, Object> request) {
        SioNamespaceImpl namespace = adapter.namespace();
        boolean close = Boolean.TRUE.equals(request.get("close"));
        if (request.get("opts") instanceof Map<?, ?>) {
            Map<String, Object> opts = mapOf(request.get("opts"));
            namespace.disconnectLocal(Set.copyOf(stringList(opts.get("rooms"))),
                    Set.copyOf(stringList(opts.get("except"))), close);
            return;
        }
        SioSocket socket = namespace.sockets().get(String.valueOf(request.get("sid")));
        if (socket != null) {
            socket.disconnect(close);
            respond(adapter, request, null, null);
        }
    }

    private static void serverSideEmitted(SioClusterAdapter adapter, Map<String, Object> request) {
        List<Object> data = request.get("data") instanceof List<?> l ? new ArrayList<>(l) : List.of();
        if (data.isEmpty()) {
            return;
        }
        Object requestId = request.get("requestId");
        Ack ack = requestId == null ? NoAck.INSTANCE : new Ack() {
            private final AtomicBoolean sent = new AtomicBoolean();

            @Override
            public boolean requested() {
                return true;
            }

            @Override
            public void send(Object... args) {
                if (sent.compareAndSet(false, true)) {
                    Map<String, Object> response = new LinkedHashMap<>();
                    response.put("type", SioClusterAdapter.SERVER_SIDE_EMIT);
                    response.put("requestId", requestId);
                    response.put("data", args.length == 0 ? null : args[0]);
                    adapter.link().respond(Map.of(), response); // socket.io answers these on the shared channel
                }
            }
        };
        adapter.namespace().serverSideEmitted(String.valueOf(data.get(0)),
                new EventArgs(data.subList(1, data.size())), ack);
    }

    private static void broadcastWithAck(SioClusterAdapter adapter, Map<String, Object> request, String requestId) {
        Map<String, Object> packet = mapOf(request.get("packet"));
        List<Object> data = packet.get("data") instanceof List<?> l ? new ArrayList<>(l) : List.of();
        if (data.isEmpty()) {
            return;
        }
        Map<String, Object> opts = mapOf(request.get("opts"));
        Map<String, Object> flags = mapOf(opts.get("flags"));
        Optional<Duration> timeout = flags.get("timeout") instanceof Number n
                ? Optional.of(Duration.ofMillis(n.longValue())) : Optional.empty();
        List<SioSocketImpl> recipients = List.copyOf(select(adapter.namespace(), opts));
        Map<String, Object> count = new LinkedHashMap<>();
        count.put("type", SioClusterAdapter.BROADCAST_CLIENT_COUNT);
        count.put("requestId", requestId);
        count.put("clientCount", recipients.size());
        adapter.link().respond(request, count);
        Object[] args = data.subList(1, data.size()).toArray();
        String event = String.valueOf(data.get(0));
        for (SioSocketImpl socket : recipients) {
            socket.emitWithAck(event, timeout, Boolean.TRUE.equals(flags.get("volatile")), args).thenAccept(answer -> {
                Map<String, Object> ack = new LinkedHashMap<>();
                ack.put("type", SioClusterAdapter.BROADCAST_ACK);
                ack.put("requestId", requestId);
                ack.put("packet", answer.values().isEmpty() ? null : answer.values().get(0));
                adapter.link().respond(request, ack);
            });
        }
    }

    private static void respond(SioClusterAdapter adapter, Map<String, Object> request, String key, Object value) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("requestId", request.get("requestId"));
        if (key != null) {
            response.put(key, value);
        }
        adapter.link().respond(request, response);
    }

    private static Collection<SioSocketImpl> select(SioNamespaceImpl namespace, Map<String, Object> opts) {
        return select(namespace, Set.copyOf(stringList(opts.get("rooms"))), Set.copyOf(stringList(opts.get("except"))));
    }

    private static Collection<SioSocketImpl> select(SioNamespaceImpl namespace, Set<String> to, Set<String> except) {
        return namespace.rooms().select(to, except);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapOf(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<String> stringList(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (o != null) {
                out.add(o instanceof Number n && n.doubleValue() == n.longValue() ? String.valueOf(n.longValue())
                        : String.valueOf(o));
            }
        }
        return out;
    }

    static int intOf(Object value) {
        return value instanceof Number n ? n.intValue() : -1;
    }
}
