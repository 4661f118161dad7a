package dev.switchboard.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Package-internal threads of every client in the JVM: one daemon timer thread whose tasks only take
 * a client's short lock, and virtual threads for everything that runs user code (future callbacks,
 * token stores).
 */
final class ClientThreads {
    private static final ScheduledThreadPoolExecutor TIMER = createTimer();

    /** Runs each task on a new virtual thread. */
    static final Executor VIRTUAL = task -> Thread.ofVirtual().name("switchboard-client").start(task);

    private ClientThreads() {
    }

    static ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return TIMER.schedule(task, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    }

    static ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long periodMillis) {
        long period = Math.max(1, periodMillis);
        return TIMER.scheduleAtFixedRate(task, period, period, TimeUnit.MILLISECONDS);
    }

    static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Completes {@code future} on a virtual thread, so callbacks chained on it never run on a client thread. */
    static <T> void complete(CompletableFuture<T> future, T value) {
        VIRTUAL.execute(() -> future.complete(value));
    }

    static void fail(CompletableFuture<?> future, Throwable error) {
        VIRTUAL.execute(() -> future.completeExceptionally(error));
    }

    private static ScheduledThreadPoolExecutor createTimer() {
        var timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "switchboard-client-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
