package dev.switchboard.server;

import dev.switchboard.core.SwitchboardException;
import dev.switchboard.protocol.sio.SioPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The server's {@link SioSocket}. Inbound methods run on the connection's mailbox. */
final class SioSocketImpl implements SioSocket {
    private final SioNamespaceImpl namespace;
    private final SioConnection connection;
    private final String id;
    private final SioHandshake handshake;
    // Insertion order, as socket.io reports rooms: own id first, then in join order.
    private final Set<String> rooms = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());
    private final ConcurrentMap<String, Object> data = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, EventHandler> handlers = new ConcurrentHashMap<>();
    private final HandlerList<AnyHandler> anyHandlers = new HandlerList<>();
    private final HandlerList<AnyHandler> outgoingHandlers = new HandlerList<>();
    private final HandlerList<PacketMiddleware> middlewares = new HandlerList<>();
    private final HandlerList<Consumer<String>> disconnecting = new HandlerList<>();
    private final HandlerList<Consumer<String>> disconnected = new HandlerList<>();
    private final HandlerList<Consumer<Throwable>> errorHandlers = new HandlerList<>();
    private final ConcurrentHashMap<Long, CompletableFuture<EventArgs>> acks = new ConcurrentHashMap<>();
    private final AtomicLong nextAck = new AtomicLong();
    private final AtomicBoolean connected = new AtomicBoolean(true);

    SioSocketImpl(SioNamespaceImpl namespace, SioConnection connection, String id, SioHandshake handshake) {
        this.namespace = namespace;
        this.connection = connection;
        this.id = id;
        this.handshake = handshake;
    }

    static void checkReserved(String event) {
        if (SioPacket.RESERVED_EVENTS.contains(event)) {
            throw new SwitchboardException("\"" + event + "\" is a reserved event name");
        }
    }

    SioConnection connection() {
        return connection;
    }

    Set<String> roomSet() {
        return rooms;
    }

    @Override public String id() { return id; }
    @Override public Namespace namespace() { return namespace; }
    @Override public SioHandshake handshake() { return handshake; }
    @Override public java.util.Map<String, Object> handshakeDetails() { return SioHandshakes.describe(handshake); }
    @Override public Set<String> rooms() { return java.util.Collections.unmodifiableSet(roomsSnapshot()); }

    java.util.LinkedHashSet<String> roomsSnapshot() {
        synchronized (rooms) {
            return new java.util.LinkedHashSet<>(rooms);
        }
    }
    @Override public ConcurrentMap<String, Object> data() { return data; }
    @Override public boolean connected() { return connected.get(); }

    @Override public SioSocket on(String event, EventHandler handler) { handlers.put(event, handler); return this; }
    @Override public SioSocket onAny(AnyHandler handler) { anyHandlers.add(handler); return this; }
    @Override
    public SioSocket onAnyOutgoing(AnyHandler handler) {
        outgoingHandlers.add(handler);
        refreshRooms(); // its rooms must stop handing it broadcasts past the listener
        return this;
    }
    @Override public SioSocket use(PacketMiddleware middleware) { middlewares.add(middleware); return this; }
    @Override public SioSocket onDisconnecting(Consumer<String> handler) { disconnecting.add(handler); return this; }
    @Override public SioSocket onDisconnect(Consumer<String> handler) { disconnected.add(handler); return this; }
    @Override public SioSocket onError(Consumer<Throwable> handler) { errorHandlers.add(handler); return this; }

    // ---- inbound ----

    void onEvent(SioPacket packet) {
        String event = packet.eventName().orElse("");
        EventArgs args = new EventArgs(packet.args());
        Ack ack = packet.ackId().isPresent() ? new OneAck(packet.ackId().getAsLong()) : NoAck.INSTANCE;
        try {
            for (PacketMiddleware middleware : middlewares) {
                middleware.check(event, args);
            }
        } catch (Exception e) {
            errorHandlers.forEach(h -> h.accept(e));
            return;
        }
        for (AnyHandler any : anyHandlers) {
            any.handle(event, args, ack);
        }
        EventHandler handler = handlers.get(event);
        if (handler == null) {
            return; // like socket.io: no listener, no answer; the client's ack times out
        }
        try {
            handler.handle(args, ack);
        } catch (Exception e) {
            namespace.io().server().error(Optional.empty(), e);
        }
    }

    void onAck(SioPacket packet) {
        CompletableFuture<EventArgs> pending = acks.remove(packet.ackId().orElse(-1));
        if (pending != null) {
            pending.complete(new EventArgs(packet.args()));
        }
    }

    private final class OneAck implements Ack {
        private final long ackId;
        private final AtomicBoolean sent = new AtomicBoolean();

        OneAck(long ackId) {
            this.ackId = ackId;
        }

        @Override
        public boolean requested() {
            return true;
        }

        @Override
        public void send(Object... args) {
            if (sent.compareAndSet(false, true) && connected.get()) {
                connection.send(SioPacket.ack(namespace.name(), ackId, Arrays.asList(args)));
            }
        }
    }

    // ---- outbound ----

    /** Makes this socket's rooms ask it again how it takes broadcasts. */
    void refreshRooms() {
        namespace.rooms().refresh(this);
    }

    boolean hasOutgoingHandlers() {
        return !outgoingHandlers.isEmpty();
    }

    void notifyOutgoing(String event, EventArgs args) {
        notifyOutgoing(event, args, NoAck.INSTANCE);
    }

    private void notifyOutgoing(String event, EventArgs args, Ack ack) {
        for (AnyHandler handler : outgoingHandlers) {
            handler.handle(event, args, ack);
        }
    }

    /** What outgoing listeners see of an emit that expects an answer: requested, but not theirs to send. */
    private enum Expected implements Ack {
        INSTANCE;

        @Override
        public boolean requested() {
            return true;
        }

        @Override
        public void send(Object... args) {}
    }

    private static List<Object> eventAndArgs(String event, Object[] args) {
        List<Object> list = new ArrayList<>(args.length + 1);
        list.add(event);
        list.addAll(Arrays.asList(args));
        return list;
    }

    @Override
    public SioSocket emit(String event, Object... args) {
        emit(event, false, args);
        return this;
    }

    private void emit(String event, boolean dropIfBusy, Object[] args) {
        checkReserved(event);
        if (!connected.get() || (dropIfBusy && !connection.session.writable())) {
            return;
        }
        notifyOutgoing(event, new EventArgs(Arrays.asList(args)));
        connection.send(SioPacket.event(namespace.name(), eventAndArgs(event, args), OptionalLong.empty()));
    }

    @Override
    public CompletableFuture<EventArgs> emitWithAck(String event, Object... args) {
        return emitWithAck(event, Optional.empty(), false, args);
    }

    CompletableFuture<EventArgs> emitWithAck(String event, Optional<Duration> timeout, boolean dropIfBusy, Object[] args) {
        checkReserved(event);
        CompletableFuture<EventArgs> answer = new CompletableFuture<>();
        if (!connected.get()) {
            answer.completeExceptionally(new SwitchboardException("socket " + id + " is disconnected"));
            return answer;
        }
        if (dropIfBusy && !connection.session.writable()) {
            return answer; // dropped: like socket.io, the ack can then only time out
        }
        long ackId = nextAck.getAndIncrement();
        acks.put(ackId, answer);
        timeout.ifPresent(t -> connection.session.loop.schedule(() -> {
            if (acks.remove(ackId) != null) {
                answer.completeExceptionally(new AckTimeoutException(List.of()));
            }
        }, t.toMillis(), TimeUnit.MILLISECONDS));
        notifyOutgoing(event, new EventArgs(Arrays.asList(args)), Expected.INSTANCE);
        connection.send(SioPacket.event(namespace.name(), eventAndArgs(event, args), OptionalLong.of(ackId)));
        return answer;
    }

    private SioEmitter emitter(Optional<Duration> timeout, boolean dropIfBusy) {
        return new SioEmitter() {
            @Override
            public void emit(String event, Object... args) {
                SioSocketImpl.this.emit(event, dropIfBusy, args);
            }

            @Override
            public CompletableFuture<EventArgs> emitWithAck(String event, Object... args) {
                return SioSocketImpl.this.emitWithAck(event, timeout, dropIfBusy, args);
            }
        };
    }

    @Override public SioEmitter timeout(Duration timeout) { return emitter(Optional.of(timeout), false); }
    @Override public SioEmitter asVolatile() { return emitter(Optional.empty(), true); }
    @Override public SioEmitter compress(boolean compress) { return emitter(Optional.empty(), false); }

    // ---- rooms and broadcast ----

    @Override
    public SioSocket join(String... joined) {
        if (connected.get()) {
            for (String room : joined) {
                namespace.rooms().join(this, room);
            }
        }
        return this;
    }

    @Override
    public SioSocket leave(String room) {
        namespace.rooms().leave(this, room);
        return this;
    }

    @Override public BroadcastOperator broadcast() { return SioBroadcast.all(namespace).except(id); }
    @Override public BroadcastOperator to(String... r) { return SioBroadcast.all(namespace).to(r).except(id); }
    @Override public BroadcastOperator in(String... r) { return to(r); }
    @Override public BroadcastOperator except(String... r) { return broadcast().except(r); }

    // ---- disconnect ----

    @Override
    public void disconnect() {
        disconnect(false);
    }

    @Override
    public void disconnect(boolean close) {
        if (close) {
            for (SioSocketImpl socket : connection.sockets()) {
                socket.close("server namespace disconnect", true);
            }
            connection.session.close("forced server close");
        } else {
            close("server namespace disconnect", true);
        }
    }

    /** Leaves the namespace; {@code tellClient} sends the DISCONNECT packet first. */
    void close(String reason, boolean tellClient) {
        if (!connected.compareAndSet(true, false)) {
            return;
        }
        if (tellClient) {
            connection.send(SioPacket.disconnect(namespace.name()));
        }
        for (Consumer<String> handler : disconnecting) {
            safely(() -> handler.accept(reason));
        }
        namespace.rooms().leaveAll(this);
        namespace.removed(this);
        connection.left(this);
        if (!acks.isEmpty()) { // an exception (and its stack trace) only when a pending ack needs one
            SwitchboardException gone = new SwitchboardException("socket " + id + " disconnected: " + reason);
            acks.values().forEach(f -> f.completeExceptionally(gone));
            acks.clear();
        }
        for (Consumer<String> handler : disconnected) {
            safely(() -> handler.accept(reason));
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            namespace.io().server().error(Optional.empty(), e);
        }
    }

    @Override
    public String toString() {
        return "SioSocket[" + id + " " + namespace.name() + "]";
    }
}
