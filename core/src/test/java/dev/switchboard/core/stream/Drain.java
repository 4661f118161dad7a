package dev.switchboard.core.stream;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test helper: runs a for-each loop over a source on a virtual thread and records what it saw. */
final class Drain<T> {
    final List<T> items = new CopyOnWriteArrayList<>();
    final CompletableFuture<List<T>> done = new CompletableFuture<>();
    final Thread thread;

    private Drain(Iterable<T> source) {
        thread = Thread.ofVirtual().name("drain").start(() -> {
            try {
                for (T item : source) {
                    items.add(item);
                }
                done.complete(List.copyOf(items));
            } catch (Throwable failure) {
                done.completeExceptionally(failure);
            }
        });
    }

    static <T> Drain<T> start(Iterable<T> source) {
        return new Drain<>(source);
    }

    /** Whether the loop thread is parked (blocked in hasNext), so tests can await it without sleeping. */
    boolean isWaiting() {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }
}
