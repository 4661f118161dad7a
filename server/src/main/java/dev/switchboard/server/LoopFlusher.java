package dev.switchboard.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flushes channels once per event-loop pass instead of once per message. Writers call {@link #mark}
 * on the loop after writing; the first mark of a pass queues one flush task behind the tasks already
 * queued, so frames of several publications leave in one writev per channel.
 */
final class LoopFlusher {
    private static final Map<EventLoop, LoopFlusher> FLUSHERS = new ConcurrentHashMap<>();
    private static final long EARLY_FLUSH_BYTES = 64 * 1024;

    private final EventLoop loop;
    private final List<Channel> dirty = new ArrayList<>();
    private final Runnable flushAll = this::flushAll;

    private LoopFlusher(EventLoop loop) {
        this.loop = loop;
    }

    static LoopFlusher of(EventLoop loop) {
        return FLUSHERS.computeIfAbsent(loop, LoopFlusher::new);
    }

    /** Marks {@code channel} for the pass's flush. Call on {@link #loop} only. */
    void mark(Channel channel) {
        if (channel.bytesBeforeUnwritable() < EARLY_FLUSH_BYTES) {
            // Unflushed bytes count against the outbound limit too: a reader that keeps up must never
            // look slow just because a burst of publications waits for the end of the pass.
            channel.flush();
            return;
        }
        if (dirty.isEmpty()) {
            loop.execute(flushAll);
        }
        dirty.add(channel);
    }

    private void flushAll() {
        for (int i = 0; i < dirty.size(); i++) {
            dirty.get(i).flush(); // flushing a closed or already-flushed channel is a no-op
        }
        dirty.clear();
    }

    /** Forgets a loop that shut down. */
    static void forget(EventLoop loop) {
        FLUSHERS.remove(loop);
    }
}
