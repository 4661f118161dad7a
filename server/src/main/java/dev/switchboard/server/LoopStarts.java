package dev.switchboard.server;

import dev.switchboard.core.internal.VirtualStarts;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Batches the virtual-thread starts an event loop makes in one pass: the first starts at once, the
 * rest are started together after the pass (one virtual thread starts them all). The scheduler's
 * carrier is then woken at most twice per pass instead of once per message, and does not preempt the
 * loop for every read of a batch. Order is kept: threads start in the order their work was handed over.
 * A mailbox starts a thread only when its last one has finished, so a second start in one pass for the
 * owner of the pass's first start means the carrier has already run that thread: it goes at once too,
 * as holding it back would only delay its work. That owner is typically a publisher's mailbox during a
 * fan-out, whose publications otherwise reached the loop a pass later and shared fewer writes.
 */
final class LoopStarts implements VirtualStarts.Batcher {
    private final SingleThreadEventLoop loop;
    private final Runnable startAll = this::startAll;
    private List<Runnable> pending = new ArrayList<>();
    private boolean passOpen;
    private Object passFirst; // owner of the pass's first start

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
    public void add(Object owner, Runnable task) {
        if (loop.isShuttingDown()) {
            VirtualStarts.startNow(task); // tail tasks may not run again
            return;
        }
        if (!passOpen) {
            // The pass's first hand-off goes at once, so a lone message is not held back a pass; only
            // the ones after it wait for the end of the pass.
            passOpen = true;
            passFirst = owner;
            loop.executeAfterEventLoopIteration(startAll);
            VirtualStarts.startNow(task);
            return;
        }
        if (owner == passFirst) {
            VirtualStarts.startNow(task);
            return;
        }
        pending.add(task);
    }

    private void startAll() {
        passOpen = false;
        passFirst = null;
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
