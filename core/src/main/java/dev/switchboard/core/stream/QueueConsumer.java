package dev.switchboard.core.stream;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Package-internal {@link StreamConsumer}: a {@link BoundedQueue} guarded by a {@link ReentrantLock}.
 * A lock and condition rather than {@code synchronized}, so waiting never pins a virtual thread's
 * carrier. Writers hold the lock only to enqueue; {@link Sink#offer} never waits.
 */
final class QueueConsumer<T> implements StreamConsumer<T>, Sink<T> {

    private enum State { OPEN, CLOSING, ENDED }

    private final long id;
    private final Optional<String> streamName;
    private final Optional<Duration> timeout;
    private final long timeoutNanos; // -1 means wait indefinitely
    private final BoundedQueue<T> items;
    private final ConsumerHost<T> host;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private State state = State.OPEN;
    private T pendingEndValue;
    private EndReason endReason;
    // Mirrors read without the lock by stats and by the stream's attach check.
    private volatile int size;
    private volatile boolean ended;

    QueueConsumer(ConsumerHost<T> host, Optional<Duration> timeout) {
        this.id = host.nextId();
        this.streamName = host.streamName();
        this.items = new BoundedQueue<>(host.backlog());
        this.host = host;
        this.timeout = timeout;
        this.timeoutNanos = timeout.map(Duration::toNanos).orElse(-1L);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public Optional<String> streamName() {
        return streamName;
    }

    @Override
    public Optional<Duration> timeout() {
        return timeout;
    }

    // ---- writer side ----

    @Override
    public boolean offer(T item) {
        lock.lock();
        try {
            if (state != State.OPEN) {
                return false;
            }
            switch (items.add(item)) {
                case REFUSED -> {
                    return false;
                }
                case OVERFLOWED -> endLocked(EndReason.OVERFLOWED, null); // then detached below
                case YES -> {
                    size = items.size();
                    changed.signal();
                    return true;
                }
            }
        } finally {
            lock.unlock();
        }
        host.detach(this); // outside the lock: detaching takes the stream's locks
        return false;
    }

    @Override
    public void closeWith(T endValue) {
        boolean endedNow = false;
        lock.lock();
        try {
            if (state != State.OPEN) {
                return;
            }
            if (items.isEmpty()) {
                endLocked(EndReason.CLOSED, endValue);
                endedNow = true;
            } else {
                // Stop accepting writes but stay registered until the backlog is drained.
                state = State.CLOSING;
                pendingEndValue = endValue;
            }
        } finally {
            lock.unlock();
        }
        if (endedNow) {
            host.detach(this);
        }
    }

    @Override
    public void killWith(T endValue) {
        endAndDetach(EndReason.KILLED, endValue);
    }

    @Override
    public void close() {
        endAndDetach(EndReason.RELEASED, null);
    }

    private void endAndDetach(EndReason reason, T endValue) {
        lock.lock();
        try {
            if (state == State.ENDED) {
                return;
            }
            endLocked(reason, endValue);
        } finally {
            lock.unlock();
        }
        host.detach(this);
    }

    /** Moves to ENDED, discarding any backlog, and wakes a blocked reader. Caller holds the lock. */
    private void endLocked(EndReason reason, T endValue) {
        state = State.ENDED;
        endReason = reason;
        pendingEndValue = endValue;
        items.clear();
        size = 0;
        ended = true;
        changed.signalAll();
    }

    // ---- reader side ----

    @Override
    public boolean hasNext() {
        lock.lock();
        try {
            return awaitItemLocked();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public T next() {
        T item;
        boolean drained = false;
        lock.lock();
        try {
            if (!awaitItemLocked()) {
                throw new NoSuchElementException("consumer " + id + " has ended");
            }
            item = items.poll();
            size = items.size();
            if (state == State.CLOSING && items.isEmpty()) {
                endLocked(EndReason.CLOSED, pendingEndValue);
                drained = true;
            }
        } finally {
            lock.unlock();
        }
        if (drained) {
            host.detach(this);
        }
        return item;
    }

    /** Waits for an item: {@code true} when one is queued, {@code false} once ended. */
    private boolean awaitItemLocked() {
        long remaining = timeoutNanos;
        while (items.isEmpty()) {
            if (state == State.ENDED) {
                if (endReason == EndReason.OVERFLOWED) {
                    throw new StreamOverflowException("consumer " + id + " exceeded its backlog bound of "
                            + items.limit() + " and was ended (" + items.dropped() + " items dropped)");
                }
                return false;
            }
            try {
                if (timeoutNanos < 0) {
                    changed.await();
                } else if (remaining <= 0) {
                    // The consumer keeps its place: nothing is dequeued or unregistered here.
                    throw new StreamTimeoutException(
                            "no item within " + timeout.orElseThrow() + " on consumer " + id);
                } else {
                    remaining = changed.awaitNanos(remaining);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamInterruptedException("interrupted while waiting on consumer " + id, e);
            }
        }
        return true;
    }

    // ---- inspection ----

    @Override
    public boolean isEnded() {
        return ended;
    }

    @Override
    public boolean isAlive() {
        return !ended;
    }

    @Override
    public int backpressure() {
        return size;
    }

    @Override
    public ConsumerStats stats() {
        lock.lock();
        try {
            return new ConsumerStats(id, items.size(), items.dropped(), timeout, streamName);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<T> endValue() {
        lock.lock();
        try {
            return state == State.ENDED ? Optional.ofNullable(pendingEndValue) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<EndReason> endReason() {
        lock.lock();
        try {
            return Optional.ofNullable(endReason);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "StreamConsumer[id=" + id + streamName.map(n -> ", stream=" + n).orElse("")
                + ", backpressure=" + size + ", alive=" + !ended + "]";
    }
}
