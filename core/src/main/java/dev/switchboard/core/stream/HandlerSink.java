package dev.switchboard.core.stream;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Package-internal {@link StreamHandler}: a backlog drained by a virtual thread that is started when an
 * item arrives while none runs, and that ends when the backlog is empty. The "running" flag, set and
 * cleared under the lock, is what keeps items one at a time and in order.
 */
final class HandlerSink<T> implements Sink<T>, StreamHandler {

    private enum State { OPEN, CLOSING, ENDED }

    private final long id;
    private final Optional<String> streamName;
    private final BoundedQueue<T> items;
    private final ConsumerHost<T> host;
    private final Consumer<? super T> handler;

    private final ReentrantLock lock = new ReentrantLock();
    private State state = State.OPEN;
    private boolean running;
    private EndReason endReason;
    private volatile int size;
    private volatile boolean ended;

    private HandlerSink(ConsumerHost<T> host, Consumer<? super T> handler) {
        this.id = host.nextId();
        this.streamName = host.streamName();
        this.items = new BoundedQueue<>(host.backlog());
        this.host = host;
        this.handler = handler;
    }

    /** Creates and registers a handler on {@code host}. */
    static <T> StreamHandler start(ConsumerHost<T> host, Consumer<? super T> handler) {
        var sink = new HandlerSink<T>(host, java.util.Objects.requireNonNull(handler, "handler"));
        host.attach(sink);
        return sink;
    }

    @Override
    public boolean offer(T item) {
        boolean start = false;
        boolean overflowed = false;
        lock.lock();
        try {
            if (state != State.OPEN) {
                return false;
            }
            switch (items.add(item)) {
                case REFUSED -> {
                    return false;
                }
                case OVERFLOWED -> {
                    endLocked(EndReason.OVERFLOWED);
                    overflowed = true;
                }
                case YES -> {
                    size = items.size();
                    if (!running) {
                        running = true;
                        start = true;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        if (overflowed) {
            host.detach(this); // overflowed; outside the lock, as detaching takes the stream's locks
            return false;
        }
        if (start) {
            dev.switchboard.core.internal.VirtualStarts.start(this::drain);
        }
        return true;
    }

    private void drain() {
        while (true) {
            T item;
            boolean drained = false;
            lock.lock();
            try {
                item = items.poll();
                size = items.size();
                if (item == null) {
                    running = false;
                    if (state == State.CLOSING) {
                        endLocked(EndReason.CLOSED);
                        drained = true;
                    }
                }
            } finally {
                lock.unlock();
            }
            if (item == null) {
                if (drained) {
                    host.detach(this);
                }
                return;
            }
            try {
                handler.accept(item);
            } catch (Throwable t) {
                Thread current = Thread.currentThread();
                current.getUncaughtExceptionHandler().uncaughtException(current, t);
            }
        }
    }

    @Override
    public void closeWith(T endValue) {
        boolean endedNow = false;
        lock.lock();
        try {
            if (state != State.OPEN) {
                return;
            }
            if (items.isEmpty() && !running) {
                endLocked(EndReason.CLOSED);
                endedNow = true;
            } else {
                state = State.CLOSING; // the draining thread ends it once the backlog is handled
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
        endAndDetach(EndReason.KILLED);
    }

    @Override
    public void close() {
        endAndDetach(EndReason.RELEASED);
    }

    private void endAndDetach(EndReason reason) {
        lock.lock();
        try {
            if (state == State.ENDED) {
                return;
            }
            endLocked(reason);
        } finally {
            lock.unlock();
        }
        host.detach(this);
    }

    private void endLocked(EndReason reason) {
        state = State.ENDED;
        endReason = reason;
        items.clear();
        size = 0;
        ended = true;
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
            return new ConsumerStats(id, items.size(), items.dropped(), Optional.empty(), streamName);
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
        return "StreamHandler[id=" + id + streamName.map(n -> ", stream=" + n).orElse("")
                + ", backpressure=" + size + ", alive=" + !ended + "]";
    }
}
