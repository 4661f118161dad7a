package dev.switchboard.server;

import dev.switchboard.core.stream.WritableStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One namespace's rooms on this node (socket.io's in-memory adapter): who is in which room, the
 * adapter events, and local delivery of an encoded packet to a selection of sockets.
 */
final class SioRooms {
    private final SioNamespaceImpl namespace;
    private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
    final WritableStream<RoomEvent> events = WritableStream.create();

    SioRooms(SioNamespaceImpl namespace) {
        this.namespace = namespace;
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
            base = namespace.localSockets();
        } else if (to.size() == 1) {
            // the common case (one room): the room's own snapshot, no copy per broadcast
            Room room = rooms.get(to.iterator().next());
            base = room == null ? List.of() : Arrays.asList(room.snapshot());
        } else {
            Set<SioSocketImpl> union = new LinkedHashSet<>();
            for (String name : to) {
                Room room = rooms.get(name);
                if (room != null) {
                    union.addAll(Arrays.asList(room.snapshot()));
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
        Collection<SioSocketImpl> recipients = select(to, except);
        if (recipients.isEmpty()) {
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
            fanout.send(frame);
        } finally {
            frame.release();
        }
    }

    /**
     * One room's members in join order, and the same as an array for delivery: a broadcast walks the array
     * instead of copying the set into a new one per broadcast. The array is dropped on every change and
     * rebuilt on the next broadcast.
     */
    private static final class Room {
        private final ReentrantLock lock = new ReentrantLock();
        private final LinkedHashSet<SioSocketImpl> members = new LinkedHashSet<>();
        private volatile SioSocketImpl[] snapshot;

        boolean add(SioSocketImpl socket) {
            lock.lock();
            try {
                boolean added = members.add(socket);
                if (added) {
                    snapshot = null;
                }
                return added;
            } finally {
                lock.unlock();
            }
        }

        boolean remove(SioSocketImpl socket) {
            lock.lock();
            try {
                boolean removed = members.remove(socket);
                if (removed) {
                    snapshot = null;
                }
                return removed;
            } finally {
                lock.unlock();
            }
        }

        boolean isEmpty() {
            lock.lock();
            try {
                return members.isEmpty();
            } finally {
                lock.unlock();
            }
        }

        SioSocketImpl[] snapshot() {
            SioSocketImpl[] members = snapshot;
            if (members != null) {
                return members;
            }
            lock.lock();
            try {
                members = snapshot;
                if (members == null) {
                    members = this.members.toArray(new SioSocketImpl[0]);
                    snapshot = members;
                }
                return members;
            } finally {
                lock.unlock();
            }
        }
    }
}
