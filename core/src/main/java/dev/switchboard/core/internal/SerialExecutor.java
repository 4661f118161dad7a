package dev.switchboard.core.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Runs tasks one at a time, in submission order, on another executor's threads (virtual threads, in
 * Switchboard): a socket's mailbox, a client's store calls. A thread exists only while there is work,
 * so idle owners cost no thread. Tasks may block; later tasks of the same executor wait, other
 * executors do not. {@link #execute} never blocks the submitter.
 */
public final class SerialExecutor implements Executor {
    private final Executor executor;
    private final Consumer<Throwable> onError;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    public SerialExecutor(Executor executor, Consumer<Throwable> onError) {
        this.executor = executor;
        this.onError = onError;
    }

    @Override
    public void execute(Runnable task) {
        lock.lock();
        try {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        } finally {
            lock.unlock();
        }
        executor.execute(this::drain);
    }

    /**
     * Runs {@code task} on the calling thread when nothing is queued or running, else queues it like
     * {@link #execute}: order is kept either way. For short, non-blocking work that is not worth a
     * thread hand-off (a socket's heartbeat answer); tasks submitted meanwhile run after it.
     */
    public void executeInlineIfIdle(Runnable task) {
        lock.lock();
        try {
            if (running) {
                tasks.add(task);
                return;
            }
            running = true; // not running means nothing is queued
        } finally {
            lock.unlock();
        }
        try {
            task.run();
        } catch (Throwable t) {
            onError.accept(t);
        }
        lock.lock();
        try {
            if (tasks.isEmpty()) {
                running = false;
                return;
            }
        } finally {
            lock.unlock();
        }
        executor.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable task;
            lock.lock();
            try {
                task = tasks.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            try {
                task.run();
            } catch (Throwable t) {
                onError.accept(t);
            }
        }
    }
}
