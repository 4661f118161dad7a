package dev.switchboard.core.stream;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Package-internal: the one daemon thread that fires timed {@code once} futures, shared by every
 * stream so a pending {@code once(Duration)} costs a queue entry, not a thread.
 */
final class Timers {
    private static final ScheduledThreadPoolExecutor SCHEDULER = createScheduler();

    private Timers() {
    }

    static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return SCHEDULER.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor createScheduler() {
        var scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "switchboard-stream-timer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true); // completed futures must not leave garbage queued
        return scheduler;
    }
}
