package dev.switchboard.benchmarks.servers;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Room membership and the per-loop-pass flush set of the bare server. One event loop owns every
 * channel, so plain collections suffice. A broadcast writes one pre-encoded frame's retained duplicate
 * to every member and marks it dirty; {@link #flushDirty()} runs once at the end of the read pass, so a
 * burst of publishes leaves each socket in one {@code writev}.
 */
final class BareRooms {
    private final Map<String, List<Channel>> rooms = new HashMap<>();
    private final List<Channel> dirty = new ArrayList<>();
    private final Map<Channel, Boolean> dirtySet = new HashMap<>();

    void join(String room, Channel ch) {
        rooms.computeIfAbsent(room, r -> new ArrayList<>()).add(ch);
    }

    void leaveAll(Channel ch, List<String> joined) {
        for (String room : joined) {
            List<Channel> members = rooms.get(room);
            if (members != null) {
                members.remove(ch);
            }
        }
    }

    /** Writes {@code frame} (a complete WebSocket frame) to every member; consumes one reference. */
    void broadcast(String room, ByteBuf frame) {
        List<Channel> members = rooms.get(room);
        if (members != null) {
            for (int i = 0, n = members.size(); i < n; i++) {
                Channel ch = members.get(i);
                ch.write(frame.retainedDuplicate(), ch.voidPromise());
                markDirty(ch);
            }
        }
        frame.release();
    }

    void markDirty(Channel ch) {
        if (dirtySet.put(ch, Boolean.TRUE) == null) {
            dirty.add(ch);
        }
    }

    void flushDirty() {
        for (int i = 0, n = dirty.size(); i < n; i++) {
            dirty.get(i).flush();
        }
        dirty.clear();
        dirtySet.clear();
    }
}
