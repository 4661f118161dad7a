package dev.switchboard.client;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Package-internal: runs one connection's inbound events (frames, the close, a transport error) one at a
 * time and in arrival order, on a virtual thread, so the JDK's listener call returns at once.
 *
 * <p>Why: java.net.http (JDK 21 to 25) loses the end of the stream when the TCP connection ends between
 * a frame's delivery and the listener task's next request for input: the transport reads EOF while its
 * demand is zero, its {@code acknowledgeReception} throws {@code InternalError}, and neither
 * {@code onClose} nor {@code onError} is ever called. The client reacts to a frame (and may wake code
 * that closes the server) only after that task has asked for more input: the connection keeps one frame
 * of spare demand, its listener calls only queue, and a frame is handled once the listener task's thread
 * has ended.
 *
 * <p>Bounded: the connection requests one frame per handled frame on top of a fixed read-ahead, so this
 * queue holds at most that read-ahead plus the close and an error.
 */
final class InboundEvents {
    private static final Logger LOG = LoggerFactory.getLogger(InboundEvents.class);

    private static final long LISTENER_TASK_WAIT_MILLIS = 1000;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Runnable> events = new ArrayDeque<>();
    private final Consumer<Throwable> onFailure;
    private boolean draining;

    /** @param onFailure gets what an event threw; later events still run */
    InboundEvents(Consumer<Throwable> onFailure) {
        this.onFailure = onFailure;
    }

    /**
     * Waits (at most {@value #LISTENER_TASK_WAIT_MILLIS} ms) for the JDK's listener task to end. The
     * client's HTTP executor starts a virtual thread per task, so the thread ends with the task.
     */
    static void awaitEnd(Thread listenerTask) {
        if (listenerTask == Thread.currentThread()) {
            return;
        }
        try {
            listenerTask.join(LISTENER_TASK_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void submit(Runnable event) {
        lock.lock();
        try {
            events.add(event);
            if (draining) {
                return;
            }
            draining = true;
        } finally {
            lock.unlock();
        }
        ClientThreads.VIRTUAL.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            lock.lock();
            try {
                next = events.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                try {
                    onFailure.accept(e);
                } catch (RuntimeException | Error again) {
                    // Keep draining: a stuck queue would hide every later frame and the close.
                    again.addSuppressed(e);
                    LOG.error("Switchboard client: handling an inbound event failed", again);
                }
            }
        }
    }
}
