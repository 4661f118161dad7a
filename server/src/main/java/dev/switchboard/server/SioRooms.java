package dev.switchboard.server;

import dev.switchboard.core.stream.WritableStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One namespace's rooms on this node (socket.io's in-memory adapter): who is in which room, the
 * adapter events, and local delivery of an encoded packet to a selection of sockets.
 */
final class SioRooms {
    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    // Every socket of the namespace on this node, in connection order (as socket.io walks its sockets
    // map): a broadcast to no room in particular uses it like a room. Not a room itself: it has no name,
    // no adapter events, and is not in names().
    private final Room everyone = new Room();
    final WritableStream<RoomEvent> events = WritableStream.create();

    /** {@code socket} joined the namespace: broadcasts to everyone reach it from now on. */
    void connected(SioSocketImpl socket) {
        everyone.add(socket);
    }

    /** {@code socket} left the namespace. */
    void disconnected(SioSocketImpl socket) {
        everyone.remove(socket);
    }

    void join(SioSocketImpl socket, String room) {
        boolean[] created = {false};
        boolean[] added = {false};
        rooms.compute(room, (name, members) -> {
            Room r = members;
            if (r == null) {
                r = new Room();
                created[0] = true;
            }
            added[0] = r.add(socket);
            return r;
        });
        socket.roomSet().add(room);
        if (created[0]) {
            events.write(new RoomEvent("create-room", room, ""));
        }
        if (added[0]) {
            events.write(new RoomEvent("join-room", room, socket.id()));
        }
    }

    void leave(SioSocketImpl socket, String room) {
        boolean[] removed = {false};
        boolean[] deleted = {false};
        rooms.computeIfPresent(room, (name, members) -> {
            removed[0] = members.remove(socket);
            if (members.isEmpty()) {
                deleted[0] = true;
                return null;
            }
            return members;
        });
        socket.roomSet().remove(room);
        if (removed[0]) {
            events.write(new RoomEvent("leave-room", room, socket.id()));
        }
        if (deleted[0]) {
            events.write(new RoomEvent("delete-room", room, ""));
        }
    }

    /** The names of the rooms that have members on this node. */
    Set<String> names() {
        return Set.copyOf(rooms.keySet());
    }

    void leaveAll(SioSocketImpl socket) {
        for (String room : socket.roomsSnapshot()) {
            leave(socket, room);
        }
    }

    /** The sockets in any of {@code to} (all sockets when empty), minus those in any of {@code except}. */
    Collection<SioSocketImpl> select(Set<String> to, Set<String> except) {
        Collection<SioSocketImpl> base;
        if (to.isEmpty()) {
            base = Arrays.asList(everyone.recipients().all());
        } else if (to.size() == 1) {
            // the common case (one room): the room's own snapshot, no copy per broadcast
            Room room = rooms.get(to.iterator().next());
            base = room == null ? List.of() : Arrays.asList(room.recipients().all());
        } else {
            Set<SioSocketImpl> union = new LinkedHashSet<>();
            for (String name : to) {
                Room room = rooms.get(name);
                if (room != null) {
                    union.addAll(Arrays.asList(room.recipients().all()));
                }
            }
            base = union;
        }
        if (except.isEmpty()) {
            return base;
        }
        List<SioSocketImpl> out = new ArrayList<>(base.size());
        for (SioSocketImpl socket : base) {
            if (!inAny(socket, except)) {
                out.add(socket);
            }
        }
        return out;
    }

    private static boolean inAny(SioSocketImpl socket, Set<String> rooms) {
        for (String room : rooms) {
            if (socket.roomSet().contains(room)) {
                return true;
            }
        }
        return false;
    }

    /** Writes one encoded packet to the selected local sockets: one encode, shared bytes. */
    void deliver(Set<String> to, Set<String> except, boolean dropIfBusy, String text, List<byte[]> attachments,
            String event, java.util.function.Supplier<EventArgs> args) {
        // One room (or everyone), no exceptions, nothing per recipient to check: the room's WebSocket
        // members on each loop are handed over as one prepared array. Otherwise (null) every recipient is
        // visited here.
        Recipients<SioSocketImpl> prepared = null;
        Collection<SioSocketImpl> recipients;
        if (to.size() <= 1 && except.isEmpty() && !dropIfBusy && attachments.isEmpty()) {
            Room room = to.isEmpty() ? everyone : rooms.get(to.iterator().next());
            if (room == null) {
                return;
            }
            prepared = room.recipients();
            recipients = Arrays.asList(prepared.others());
        } else {
            recipients = select(to, except);
        }
        if (recipients.isEmpty() && (prepared == null || !prepared.hasDirect())) {
            return;
        }
        String packet = "4" + text;
        SharedFrame frame = new SharedFrame(packet);
        Fanout fanout = new Fanout(recipients.size());
        try {
            for (SioSocketImpl socket : recipients) {
                EioSession session = socket.connection().session;
                if (dropIfBusy && !session.writable()) {
                    continue;
                }
                if (socket.hasOutgoingHandlers()) {
                    socket.notifyOutgoing(event, args.get());
                }
                WireOut ws = session.isWebSocket() ? session.webSocketOut() : null;
                if (ws != null && attachments.isEmpty()) {
                    fanout.add(ws); // the common case: one task per event loop, one flush per channel
                    continue;
                }
                session.sendShared(frame, packet);
                for (byte[] attachment : attachments) {
                    session.sendBinary(attachment);
                }
            }
            if (prepared != null) {
                prepared.addDirectTo(fanout);
            }
            fanout.send(frame);
        } finally {
            frame.release();
        }
    }

    /**
     * Makes the rooms of {@code socket} ask it again whether it takes broadcasts directly: call after its
     * session moved to WebSocket or it gained an outgoing listener.
     */
    void refresh(SioSocketImpl socket) {
        everyone.refresh(socket);
        for (String name : socket.roomsSnapshot()) {
            Room room = rooms.get(name);
            if (room != null) {
                room.refresh(socket);
            }
        }
    }

    /** A member takes the shared frame as it is when it runs over WebSocket and nothing listens to what it is sent. */
    private static Optional<WireOut> directOut(SioSocketImpl socket) {
        if (socket.hasOutgoingHandlers()) {
            return Optional.empty();
        }
        return Optional.ofNullable(socket.connection().session.webSocketOut());
    }

    /**
     * One room's members in join order, and the same prepared for delivery ({@link Recipients}): a
     * broadcast walks arrays instead of copying the set into a new one per broadcast. The prepared form is
     * dropped on every change and rebuilt on the next broadcast.
     */
    private static final class Room {
        // Every socket sits alone in a room named after it, so a room of one member holds it without a
        // set (a set, its map and table cost ~250 bytes per idle connection); the set is made for a second.
        // Guarded by this room's monitor: short sections that never block.
        private SioSocketImpl single;
        private LinkedHashSet<SioSocketImpl> members;
        private volatile Recipients<SioSocketImpl> snapshot;

        synchronized boolean add(SioSocketImpl socket) {
            boolean added;
            if (members != null) {
                added = members.add(socket);
            } else if (single == null) {
                single = socket;
                added = true;
            } else if (single == socket) {
                added = false;
            } else {
                members = new LinkedHashSet<>();
                members.add(single);
                members.add(socket);
                single = null;
                added = true;
            }
            if (added) {
                snapshot = null;
            }
            return added;
        }

        synchronized boolean remove(SioSocketImpl socket) {
            boolean removed;
            if (members != null) {
                removed = members.remove(socket);
            } else {
                removed = single == socket;
                if (removed) {
                    single = null;
                }
            }
            if (removed) {
                snapshot = null;
            }
            return removed;
        }

        synchronized boolean isEmpty() {
            return members != null ? members.isEmpty() : single == null;
        }

        synchronized void refresh(SioSocketImpl socket) {
            if (members != null ? members.contains(socket) : single == socket) {
                snapshot = null;
            }
        }

        Recipients<SioSocketImpl> recipients() {
            Recipients<SioSocketImpl> prepared = snapshot;
            if (prepared != null) {
                return prepared;
            }
            synchronized (this) {
                prepared = snapshot;
                if (prepared == null) {
                    Collection<SioSocketImpl> all = members != null ? members
                            : single == null ? List.of() : List.of(single);
                    prepared = Recipients.of(all, SioSocketImpl[]::new, SioRooms::directOut);
                    snapshot = prepared;
                }
                return prepared;
            }
        }
    }
}
