package dev.switchboard.core.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Package-internal consumer set of one stream. Copy-on-write array: writes (the hot path) iterate a
 * volatile snapshot without locking, while attach/detach (rare) copy under a lock. Because each write
 * reads a fresh snapshot, a consumer that received one item from a writer receives all of that
 * writer's later items until it ends, which keeps per-writer FIFO order.
 */
final class Fanout<T> {

    private final ReentrantLock lock = new ReentrantLock();
    private volatile Sink<T>[] sinks = newArray(0);

    /** Adds the sink unless it already ended (it may be killed by id before it is attached). */
    void add(Sink<T> sink) {
        lock.lock();
        try {
            if (!sink.isEnded()) {
                Sink<T>[] current = sinks;
                Sink<T>[] next = Arrays.copyOf(current, current.length + 1);
                next[current.length] = sink;
                sinks = next;
            }
        } finally {
            lock.unlock();
        }
    }

    void remove(Sink<T> sink) {
        lock.lock();
        try {
            Sink<T>[] current = sinks;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == sink) {
                    Sink<T>[] next = newArray(current.length - 1);
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                    sinks = next;
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Hands the item to every current consumer; returns how many accepted it. */
    int write(T item) {
        int accepted = 0;
        for (Sink<T> sink : sinks) {
            if (sink.offer(item)) {
                accepted++;
            }
        }
        return accepted;
    }

    void closeAll(T endValue) {
        for (Sink<T> sink : sinks) {
            sink.closeWith(endValue);
        }
    }

    void killAll(T endValue) {
        for (Sink<T> sink : sinks) {
            sink.killWith(endValue);
        }
    }

    boolean isEmpty() {
        return sinks.length == 0;
    }

    int count() {
        return sinks.length;
    }

    boolean contains(long id) {
        for (Sink<T> sink : sinks) {
            if (sink.id() == id) {
                return true;
            }
        }
        return false;
    }

    /** The largest backlog of any current consumer (0 with none). */
    int backpressure() {
        int max = 0;
        for (Sink<T> sink : sinks) {
            max = Math.max(max, sink.backpressure());
        }
        return max;
    }

    List<ConsumerStats> stats() {
        Sink<T>[] current = sinks;
        List<ConsumerStats> result = new ArrayList<>(current.length);
        for (Sink<T> sink : current) {
            result.add(sink.stats());
        }
        return Collections.unmodifiableList(result);
    }

    @SuppressWarnings("unchecked")
    private static <T> Sink<T>[] newArray(int length) {
        return (Sink<T>[]) new Sink<?>[length];
    }
}
