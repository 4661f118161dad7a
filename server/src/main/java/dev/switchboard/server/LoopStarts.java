package dev.switchboard.server;

import dev.switchboard.core.internal.VirtualStarts;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the virtual threads an event loop hands work to once per loop pass: the pass's first start
 * queues a tail task, which starts one virtual thread that starts the rest. The loop then wakes the
 * scheduler's carrier once per pass, and the carrier does not preempt the loop halfway through a
 * batch of reads. Order is kept: threads start in the order their work was handed over.
 */
final class LoopStarts implements VirtualStarts.Batcher {
    private final SingleThreadEventLoop loop;
    private final Runnable startAll = this::startAll;
    private List<Runnable> pending = new ArrayList<>();

    private LoopStarts(SingleThreadEventLoop loop) {
        this.loop = loop;
    }

    /** Installs batching on every loop of {@code group} that supports tail tasks. */
    static void install(Iterable<EventExecutor> group) {
        for (EventExecutor executor : group) {
            if (executor instanceof SingleThreadEventLoop loop) {
                // Queued before any channel is registered, so it runs before the loop's first read.
                loop.execute(() -> VirtualStarts.batchOn(new LoopStarts(loop)));
            }
        }
    }

    @Override
    public void add(Runnable task) {
        if (loop.isShuttingDown()) {
            VirtualStarts.startNow(task); // tail tasks may not run again
            return;
        }
        if (pending.isEmpty()) {
            loop.executeAfterEventLoopIteration(startAll);
        }
        pending.add(task);
    }

    private void startAll() {
        List<Runnable> batch = pending;
        if (batch.isEmpty()) {
            return;
        }
        pending = new ArrayList<>();
        if (batch.size() == 1) {
            VirtualStarts.startNow(batch.get(0));
        } else {
            // Started from a virtual thread, the rest go to the carrier's own queue without waking anyone.
            VirtualStarts.startNow(() -> batch.forEach(VirtualStarts::startNow));
        }
    }
}
