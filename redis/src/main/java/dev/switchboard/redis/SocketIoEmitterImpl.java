package dev.switchboard.redis;

import dev.switchboard.core.spi.SioClusterBroadcast;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** An immutable {@link SocketIoEmitter}: namespace, rooms, excepted rooms and flags. */
final class SocketIoEmitterImpl implements SocketIoEmitter {
    private static final Set<String> RESERVED_EVENTS = Set.of("connect", "connect_error", "disconnect",
            "disconnecting", "newListener", "removeListener");
    private static final int REMOTE_JOIN = 2;
    private static final int REMOTE_LEAVE = 3;
    private static final int REMOTE_DISCONNECT = 4;
    private static final int SERVER_SIDE_EMIT = 6;

    private final RedisEmitterImpl emitter;
    private final String namespace;
    private final Set<String> rooms;
    private final Set<String> except;
    private final Map<String, Object> flags;

    SocketIoEmitterImpl(RedisEmitterImpl emitter, String namespace, Set<String> rooms, Set<String> except,
            Map<String, Object> flags) {
        this.emitter = emitter;
        this.namespace = namespace;
        this.rooms = rooms;
        this.except = except;
        this.flags = flags;
    }

    private static Set<String> plus(Set<String> a, Collection<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        for (String room : b) {
            out.add(Objects.requireNonNull(room, "room"));
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public SocketIoEmitter to(String... more) {
        return to(Arrays.asList(more));
    }

    @Override
    public SocketIoEmitter to(Collection<String> more) {
        return new SocketIoEmitterImpl(emitter, namespace, plus(rooms, more), except, flags);
    }

    @Override
    public SocketIoEmitter in(String... more) {
        return to(more);
    }

    @Override
    public SocketIoEmitter except(String... more) {
        return new SocketIoEmitterImpl(emitter, namespace, rooms, plus(except, Arrays.asList(more)), flags);
    }

    @Override
    public SocketIoEmitter asVolatile() {
        Map<String, Object> more = new LinkedHashMap<>(flags);
        more.put("volatile", true);
        return new SocketIoEmitterImpl(emitter, namespace, rooms, except, java.util.Collections.unmodifiableMap(more));
    }

    private static List<Object> eventAndArgs(String event, Object[] args) {
        Objects.requireNonNull(event, "event");
        List<Object> data = new ArrayList<>(args.length + 1);
        data.add(event);
        data.addAll(Arrays.asList(args));
        return data;
    }

    @Override
    public CompletableFuture<Void> emit(String event, Object... args) {
        if (RESERVED_EVENTS.contains(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
        SioClusterBroadcast broadcast = new SioClusterBroadcast(namespace, 2, eventAndArgs(event, args), rooms, except,
                flags);
        SioWire wire = emitter.wire();
        return emitter.publishSocketIo(wire.broadcastChannel(namespace, rooms),
                () -> wire.encodeBroadcast(RedisEmitterImpl.UID, broadcast));
    }

    private Map<String, Object> selection(int type) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", type);
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("rooms", List.copyOf(rooms));
        opts.put("except", List.copyOf(except));
        request.put("opts", opts);
        return request;
    }

    private CompletableFuture<Void> request(Map<String, Object> request) {
        return emitter.publishSocketIo(emitter.wire().requestChannel(namespace), () -> SioWire.encodeMessage(request));
    }

    @Override
    public CompletableFuture<Void> socketsJoin(String... joined) {
        Map<String, Object> request = selection(REMOTE_JOIN);
        request.put("rooms", List.of(joined));
        return request(request);
    }

    @Override
    public CompletableFuture<Void> socketsLeave(String... left) {
        Map<String, Object> request = selection(REMOTE_LEAVE);
        request.put("rooms", List.of(left));
        return request(request);
    }

    @Override
    public CompletableFuture<Void> disconnectSockets(boolean close) {
        Map<String, Object> request = selection(REMOTE_DISCONNECT);
        request.put("close", close);
        return request(request);
    }

    @Override
    public CompletableFuture<Void> serverSideEmit(String event, Object... args) {
        if (RESERVED_EVENTS.contains(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("uid", RedisEmitterImpl.UID);
        request.put("type", SERVER_SIDE_EMIT);
        request.put("data", eventAndArgs(event, args));
        return request(request);
    }

    @Override
    public String toString() {
        return "SocketIoEmitter[" + namespace + " to=" + rooms + " except=" + except + " flags=" + flags + "]";
    }
}
