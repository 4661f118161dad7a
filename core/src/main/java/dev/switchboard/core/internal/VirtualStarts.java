package dev.switchboard.core.internal;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Starts the virtual threads of stream handlers ({@code ConsumableStream.handle}). A thread that does
 * I/O for many sockets (a server event loop) can {@linkplain #batchOn install} a {@link Batcher}: its
 * starts are then collected and started together when its pass ends, so a one-core server does not
 * switch between the loop and the carrier for every request of a batch of reads. SocketCluster socket
 * mailboxes do not batch: a publish handed to its mailbox must run while the loop is awake, or the
 * fan-out it feeds waits a pass (measured on that endpoint: a third fewer F1 deliveries per
 * CPU-second). Engine.IO session mailboxes do batch, because every Socket.IO event handler runs on
 * one: unbatched, each call woke the carrier (R1 100x1 on that endpoint went from 36k-59k to 67k-79k
 * round trips per CPU-second in interleaved runs). Their starts name the session as {@code owner}, so
 * a publisher's mailbox started again within one pass is not held back (see the server's LoopStarts).
 */
public final class VirtualStarts {
    /**
     * Collects the starts made on one thread and starts them later, in the order given. {@code owner}
     * names who the task works for (a mailbox), so a batcher can tell a second start of the same owner.
     */
    public interface Batcher {
        void add(Object owner, Runnable task);
    }

    private static final ThreadFactory THREADS = Thread.ofVirtual().name("switchboard-task").factory();
    private static final ThreadLocal<Batcher> BATCHERS = new ThreadLocal<>();

    private VirtualStarts() {
    }

    /** Runs {@code task} on a new virtual thread: now, or when the calling thread's batch is started. */
    public static void start(Runnable task) {
        start(task, task);
    }

    /** {@link #start(Runnable)} for a task that works for {@code owner}, such as a socket's mailbox. */
    public static void start(Object owner, Runnable task) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(task, "task");
        Batcher batcher = BATCHERS.get();
        if (batcher == null) {
            THREADS.newThread(task).start();
        } else {
            batcher.add(owner, task);
        }
    }

    /** Runs {@code task} on a new virtual thread now, ignoring any batch (for a batch's own start). */
    public static void startNow(Runnable task) {
        THREADS.newThread(task).start();
    }

    /** Makes {@code batcher} collect the calling thread's starts from now on. */
    public static void batchOn(Batcher batcher) {
        BATCHERS.set(Objects.requireNonNull(batcher, "batcher"));
    }
}
