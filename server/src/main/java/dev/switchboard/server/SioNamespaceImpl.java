package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.spi.Publication;
import dev.switchboard.core.spi.SioClusterBus;
import dev.switchboard.core.stream.ConsumableStream;
import dev.switchboard.protocol.eio.EioCodec;
import dev.switchboard.protocol.sio.SioDecoder;
import dev.switchboard.protocol.sio.SioEncoded;
import dev.switchboard.protocol.sio.SioEncoder;
import dev.switchboard.protocol.sio.SioPacket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A Socket.IO namespace. Broadcasts are publications on the hub channel {@code #sio<name>}, so they
 * travel through the same broker as SocketCluster channels; every node with sockets in the namespace
 * receives each broadcast once and picks its local recipients from its {@link SioRooms}.
 */
final class SioNamespaceImpl implements Namespace, ChannelHub.Subscriber {
    static final String CHANNEL_PREFIX = "#sio";

    private final SocketIoImpl io;
    private final String name;
    private final String channel;
    private final List<Consumer<SioSocket>> connectionHandlers = new CopyOnWriteArrayList<>();
    private final List<ConnectMiddleware> middlewares = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, SioSocketImpl> sockets = new ConcurrentHashMap<>();
    private final SioRooms rooms = new SioRooms();
    private final ConcurrentHashMap<String, EventHandler> serverSideHandlers = new ConcurrentHashMap<>();
    /** Set when the broker carries Socket.IO adapter traffic; then broadcasts bypass the hub channel. */
    private final SioClusterAdapter cluster;

    SioNamespaceImpl(SocketIoImpl io, String name) {
        this.io = io;
        this.name = name;
        this.channel = CHANNEL_PREFIX + name;
        if (io.server().hub().broker() instanceof SioClusterBus bus && bus.supportsSocketIo()) {
            this.cluster = new SioClusterAdapter(this, bus);
        } else {
            this.cluster = null;
            io.server().hub().subscribe(channel, this);
        }
    }

    /** Completes once other nodes' traffic for this namespace is heard (at once without a cluster bus). */
    CompletableFuture<Void> clusterReady() {
        return cluster == null ? CompletableFuture.completedFuture(null) : cluster.ready();
    }

    void closeCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    public String name() {
        return name;
    }

    SocketIoImpl io() {
        return io;
    }

    SioRooms rooms() {
        return rooms;
    }

    @Override
    public Namespace onConnection(Consumer<SioSocket> handler) {
        connectionHandlers.add(handler);
        return this;
    }

    @Override
    public Namespace use(ConnectMiddleware middleware) {
        middlewares.add(middleware);
        return this;
    }

    @Override
    public Map<String, SioSocket> sockets() {
        return Map.copyOf(sockets);
    }

    @Override
    public ConsumableStream<RoomEvent> adapterEvents() {
        return rooms.events;
    }

    /**
     * A client CONNECT: middleware, then the socket joins and the connection handlers run.
     *
     * @return false when middleware refused the socket
     */
    boolean connect(SioConnection connection, Payload auth) {
        SioHandshake handshake = new SioHandshake(connection.session.request, Instant.now(), false, auth);
        SioSocketImpl socket = new SioSocketImpl(this, connection, EioCodec.newSessionId(), handshake);
        for (ConnectMiddleware middleware : middlewares) {
            try {
                middleware.check(socket);
            } catch (SioConnectException refused) {
                connection.send(SioPacket.connectError(name, refused.getMessage(),
                        refused.data().isNone() ? Optional.empty() : Optional.ofNullable(refused.data().value().orElse(null))));
                return false;
            } catch (Exception refused) {
                connection.send(SioPacket.connectError(name, String.valueOf(refused.getMessage()), Optional.empty()));
                return false;
            }
        }
        sockets.put(socket.id(), socket);
        rooms.connected(socket);
        connection.joined(socket);
        rooms.join(socket, socket.id());
        connection.send(SioPacket.connect(name, Map.of("sid", socket.id())));
        for (Consumer<SioSocket> handler : connectionHandlers) {
            try {
                handler.accept(socket);
            } catch (RuntimeException e) {
                io.server().error(Optional.empty(), e);
            }
        }
        return true;
    }

    void removed(SioSocketImpl socket) {
        sockets.remove(socket.id(), socket);
        rooms.disconnected(socket);
    }

    // ---- broadcasting ----

    void broadcast(Set<String> to, Set<String> except, boolean local, boolean dropIfBusy, String event, Object[] args) {
        SioSocketImpl.checkReserved(event);
        List<Object> eventAndArgs = new ArrayList<>(args.length + 1);
        eventAndArgs.add(event);
        eventAndArgs.addAll(Arrays.asList(args));
        SioEncoded encoded = SioEncoder.encode(SioPacket.event(name, eventAndArgs, OptionalLong.empty()));
        EventArgs eventArgs = new EventArgs(Arrays.asList(args));
        if (local || cluster != null) {
            rooms.deliver(to, except, dropIfBusy, encoded.text(), encoded.attachments(), event, () -> eventArgs);
            if (!local) {
                cluster.broadcast(to, except, dropIfBusy, eventAndArgs);
            }
            return;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("rooms", List.copyOf(to));
        message.put("except", List.copyOf(except));
        message.put("volatile", dropIfBusy);
        message.put("text", encoded.text());
        message.put("attachments", encoded.attachments().stream().map(b -> Base64.getEncoder().encodeToString(b)).toList());
        message.put("event", event);
        io.server().hub().publish(channel, Payload.of(message)).whenComplete((v, error) -> {
            if (error != null) {
                io.server().error(Optional.empty(), error);
            }
        });
    }

    /** A broadcast arriving from the broker (from this node or another): deliver to local recipients. */
    @Override
    @SuppressWarnings("unchecked")
    public void deliver(Publication publication, ChannelHub.Frames frames) {
        Map<String, Object> m = publication.data().asMap();
        List<byte[]> attachments = ((List<String>) m.get("attachments")).stream()
                .map(s -> Base64.getDecoder().decode(s)).toList();
        String text = (String) m.get("text");
        rooms.deliver(Set.copyOf((List<String>) m.get("rooms")), Set.copyOf((List<String>) m.get("except")),
                Boolean.TRUE.equals(m.get("volatile")), text, attachments,
                String.valueOf(m.get("event")), new DecodedArgs(text, attachments));
    }

    /**
     * The arguments of a broadcast that came through the broker, for {@code onAnyOutgoing} listeners:
     * decoded from the packet at most once, and only if a recipient has such a listener.
     */
    private static final class DecodedArgs implements java.util.function.Supplier<EventArgs> {
        private final String text;
        private final List<byte[]> attachments;
        private EventArgs args;

        DecodedArgs(String text, List<byte[]> attachments) {
            this.text = text;
            this.attachments = attachments;
        }

        @Override
        public synchronized EventArgs get() {
            if (args == null) {
                SioDecoder decoder = new SioDecoder(attachments.size());
                Optional<SioPacket> packet = decoder.decodeText(text);
                for (byte[] attachment : attachments) {
                    packet = decoder.decodeBinary(attachment);
                }
                args = new EventArgs(packet.map(SioPacket::args).orElse(List.of()));
            }
            return args;
        }
    }

    /** Emits with an ack id per recipient and collects the answers until the timeout. */
    CompletableFuture<List<EventArgs>> broadcastWithAck(Set<String> to, Set<String> except, boolean local,
            Optional<Duration> timeout, String event, Object[] args) {
        SioSocketImpl.checkReserved(event);
        if (cluster != null && !local) {
            return cluster.broadcastWithAck(to, except, timeout, event, args);
        }
        List<SioSocketImpl> recipients = List.copyOf(rooms.select(to, except));
        List<EventArgs> responses = new CopyOnWriteArrayList<>();
        List<CompletableFuture<EventArgs>> pending = new ArrayList<>();
        for (SioSocketImpl socket : recipients) {
            // each socket drops its own ack at the deadline: a recipient that never answers leaks nothing
            CompletableFuture<EventArgs> answer = socket.emitWithAck(event, timeout, false, args);
            pending.add(answer.thenApply(a -> {
                responses.add(a);
                return a;
            }));
        }
        CompletableFuture<List<EventArgs>> result = new CompletableFuture<>();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).whenComplete((v, error) -> {
            if (error == null) {
                result.complete(List.copyOf(responses));
            } else if (timeout.isEmpty()) {
                result.completeExceptionally(error);
            } // with a timeout, a missing answer is reported by the deadline below, with the others
        });
        timeout.ifPresent(t -> CompletableFuture.delayedExecutor(t.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(() -> result.completeExceptionally(new AckTimeoutException(List.copyOf(responses)))));
        return result;
    }

    // ---- cluster utilities: this node's sockets at once, other nodes' through the cluster bus ----

    CompletableFuture<List<RemoteSocket>> fetchSockets(Set<String> to, Set<String> except, boolean local) {
        List<RemoteSocket> mine = List.copyOf(rooms.select(to, except));
        return cluster == null || local ? CompletableFuture.completedFuture(mine) : cluster.fetchSockets(to, except, mine);
    }

    CompletableFuture<Void> socketsJoin(Set<String> to, Set<String> except, boolean local, List<String> joined) {
        joinLocal(to, except, joined);
        return cluster == null || local ? CompletableFuture.completedFuture(null)
                : cluster.roomsRequest(SioClusterAdapter.REMOTE_JOIN, to, except, joined);
    }

    CompletableFuture<Void> socketsLeave(Set<String> to, Set<String> except, boolean local, List<String> left) {
        leaveLocal(to, except, left);
        return cluster == null || local ? CompletableFuture.completedFuture(null)
                : cluster.roomsRequest(SioClusterAdapter.REMOTE_LEAVE, to, except, left);
    }

    CompletableFuture<Void> disconnectSockets(Set<String> to, Set<String> except, boolean local, boolean close) {
        disconnectLocal(to, except, close);
        return cluster == null || local ? CompletableFuture.completedFuture(null)
                : cluster.disconnectRequest(to, except, close);
    }

    void joinLocal(Set<String> to, Set<String> except, List<String> joined) {
        for (SioSocketImpl socket : List.copyOf(rooms.select(to, except))) {
            socket.join(joined.toArray(String[]::new));
        }
    }

    void leaveLocal(Set<String> to, Set<String> except, List<String> left) {
        for (SioSocketImpl socket : List.copyOf(rooms.select(to, except))) {
            left.forEach(socket::leave);
        }
    }

    void disconnectLocal(Set<String> to, Set<String> except, boolean close) {
        for (SioSocketImpl socket : List.copyOf(rooms.select(to, except))) {
            socket.disconnect(close);
        }
    }

    @Override
    public Namespace onServerSideEmit(String event, EventHandler handler) {
        serverSideHandlers.put(event, handler);
        return this;
    }

    @Override
    public CompletableFuture<Void> serverSideEmit(String event, Object... args) {
        SioSocketImpl.checkReserved(event);
        return cluster == null ? CompletableFuture.completedFuture(null) : cluster.serverSideEmit(event, args);
    }

    @Override
    public CompletableFuture<List<EventArgs>> serverSideEmitWithAck(String event, Object... args) {
        SioSocketImpl.checkReserved(event);
        return cluster == null ? CompletableFuture.completedFuture(List.of())
                : cluster.serverSideEmitWithAck(event, args);
    }

    /** Another node's {@link #serverSideEmit}: runs this node's handler (on the caller's thread). */
    void serverSideEmitted(String event, EventArgs args, Ack ack) {
        EventHandler handler = serverSideHandlers.get(event);
        if (handler == null) {
            return;
        }
        try {
            handler.handle(args, ack);
        } catch (Exception e) {
            io.server().error(Optional.empty(), e);
        }
    }

    private BroadcastOperator all() {
        return SioBroadcast.all(this);
    }

    @Override public BroadcastOperator to(String... r) { return all().to(r); }
    @Override public BroadcastOperator to(Collection<String> r) { return all().to(r); }
    @Override public BroadcastOperator in(String... r) { return all().in(r); }
    @Override public BroadcastOperator except(String... r) { return all().except(r); }
    @Override public BroadcastOperator except(Collection<String> r) { return all().except(r); }
    @Override public BroadcastOperator local() { return all().local(); }
    @Override public BroadcastOperator asVolatile() { return all().asVolatile(); }
    @Override public BroadcastOperator compress(boolean c) { return all(); }
    @Override public BroadcastOperator timeout(Duration d) { return all().timeout(d); }
    @Override public void emit(String event, Object... args) { all().emit(event, args); }
    @Override public CompletableFuture<List<EventArgs>> emitWithAck(String event, Object... args) {
        return all().emitWithAck(event, args);
    }
    @Override public CompletableFuture<List<RemoteSocket>> fetchSockets() { return all().fetchSockets(); }
    @Override public CompletableFuture<Void> socketsJoin(String... r) { return all().socketsJoin(r); }
    @Override public CompletableFuture<Void> socketsLeave(String... r) { return all().socketsLeave(r); }
    @Override public CompletableFuture<Void> disconnectSockets(boolean close) { return all().disconnectSockets(close); }
}
