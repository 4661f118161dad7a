package dev.switchboard.server;

import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flushes channels once per event-loop pass instead of once per message. Writers call {@link #mark}
 * on the loop after writing; the first mark of a pass queues one flush to run after the pass's tasks,
 * so frames of several publications leave in one writev per channel, and each channel is flushed once.
 */
final class LoopFlusher {
    private static final Map<EventLoop, LoopFlusher> FLUSHERS = new ConcurrentHashMap<>();
    private static final long EARLY_FLUSH_BYTES = 64 * 1024;

    private final EventLoop loop;
    private final List<WireOut> dirty = new ArrayList<>();
    private final Runnable flushAll = this::flushAll;

    private LoopFlusher(EventLoop loop) {
        this.loop = loop;
    }

    static LoopFlusher of(EventLoop loop) {
        return FLUSHERS.computeIfAbsent(loop, LoopFlusher::new);
    }

    /** Marks {@code out} for the pass's flush. Call on {@link #loop} only. */
    void mark(WireOut out) {
        if (out.channel().bytesBeforeUnwritable() < EARLY_FLUSH_BYTES) {
            // Unflushed bytes count against the outbound limit too: a reader that keeps up must never
            // look slow just because a burst of publications waits for the end of the pass.
            out.flush();
            return;
        }
        if (out.markedForFlush) {
            return; // already in this pass's list; the write just made touched the same buffer
        }
        if (dirty.isEmpty()) {
            if (loop instanceof SingleThreadEventLoop tail) {
                // After every task of this pass, including fan-outs queued while this one runs.
                tail.executeAfterEventLoopIteration(flushAll);
            } else {
                loop.execute(flushAll);
            }
        }
        out.markedForFlush = true;
        dirty.add(out);
    }

    private void flushAll() {
        for (int i = 0; i < dirty.size(); i++) {
            WireOut out = dirty.get(i);
            out.markedForFlush = false;
            out.flush(); // flushing a closed channel is a no-op
        }
        dirty.clear();
    }

    /** Forgets a loop that shut down. */
    static void forget(EventLoop loop) {
        FLUSHERS.remove(loop);
    }
}
