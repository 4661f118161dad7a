package dev.switchboard.server;

import dev.switchboard.core.stream.ConsumableStream;
import dev.switchboard.core.stream.ConsumerStats;
import dev.switchboard.core.stream.EndReason;
import dev.switchboard.core.stream.StreamConsumer;
import dev.switchboard.core.stream.WritableStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A stream whose writer can wait until the consumers that were waiting for an item have finished with
 * it: a consumer is done with an item when it asks for the next one (or ends). The server writes each
 * new connection here and holds the socket's later packets until the connection loops that were idle
 * have run their body once, so receivers and procedures created in a loop body exist before the
 * client's first messages are dispatched — what Node's event loop gives SocketCluster's {@code for
 * await} loops for free. A loop that is busy (or a consumer nobody iterates) is not waited for, as in
 * Node, so one stuck loop cannot hold every new socket back.
 */
final class HandoffStream<T> implements ConsumableStream<T> {
    private final WritableStream<Delivery<T>> stream = WritableStream.create();
    private final java.util.Set<Object> waiting = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** An item with the barrier its expected consumers (those waiting when it was written) arrive at. */
    record Delivery<T>(T value, Barrier barrier, java.util.Set<Object> expected) {}

    /** Counts consumers still busy with one item. */
    static final class Barrier {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition idle = lock.newCondition();
        private int busy;
        private boolean registered;

        void arrive() {
            lock.lock();
            try {
                busy--;
                if (registered && busy <= 0) {
                    idle.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        void register(int consumers) {
            lock.lock();
            try {
                busy += consumers;
                registered = true;
                if (busy <= 0) {
                    idle.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        /** Waits until every consumer is done, or the timeout passes; returns whether all were done. */
        boolean await(Duration timeout) {
            long nanos = timeout.toNanos();
            lock.lock();
            try {
                while (busy > 0) {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = idle.awaitNanos(nanos);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Writes {@code value} and returns the barrier its current consumers arrive at. */
    Barrier write(T value) {
        Barrier barrier = new Barrier();
        java.util.Set<Object> expected = java.util.Set.copyOf(waiting);
        stream.write(new Delivery<>(value, barrier, expected));
        barrier.register(expected.size());
        return barrier;
    }

    void close() {
        stream.close();
    }

    /** Consumers blocked waiting for an item right now. */
    int waitingCount() {
        return waiting.size();
    }

    @Override
    public StreamConsumer<T> createConsumer() {
        return new Consumer<>(stream.createConsumer(), waiting);
    }

    @Override
    public StreamConsumer<T> createConsumer(Duration timeout) {
        return new Consumer<>(stream.createConsumer(timeout), waiting);
    }

    @Override
    public CompletableFuture<T> once() {
        return stream.once().thenApply(HandoffStream::taken);
    }

    @Override
    public CompletableFuture<T> once(Duration timeout) {
        return stream.once(timeout).thenApply(HandoffStream::taken);
    }

    private static <T> T taken(Delivery<T> d) {
        return d.value(); // a one-shot wait was never counted as a waiting loop
    }

    private static final class Consumer<T> implements StreamConsumer<T> {
        private final StreamConsumer<Delivery<T>> inner;
        private final java.util.Set<Object> waiting;
        private Barrier current;

        Consumer(StreamConsumer<Delivery<T>> inner, java.util.Set<Object> waiting) {
            this.inner = inner;
            this.waiting = waiting;
        }

        private void done() {
            Barrier b = current;
            current = null;
            if (b != null) {
                b.arrive();
            }
        }

        @Override
        public boolean hasNext() {
            done();
            waiting.add(this);
            try {
                return inner.hasNext();
            } finally {
                waiting.remove(this);
            }
        }

        @Override
        public T next() {
            done();
            waiting.add(this);
            Delivery<T> d;
            try {
                d = inner.next();
            } finally {
                waiting.remove(this);
            }
            current = d.expected().contains(this) ? d.barrier() : null;
            return d.value();
        }

        @Override
        public void close() {
            done();
            // Items this consumer will never run are done with too, or their writers would wait in vain.
            while (inner.isAlive() && inner.backpressure() > 0 && inner.hasNext()) {
                Delivery<T> d = inner.next();
                if (d.expected().contains(this)) {
                    d.barrier().arrive();
                }
            }
            inner.close();
        }

        @Override public long id() { return inner.id(); }
        @Override public Optional<Duration> timeout() { return inner.timeout(); }
        @Override public int backpressure() { return inner.backpressure(); }
        @Override public ConsumerStats stats() { return inner.stats(); }
        @Override public boolean isAlive() { return inner.isAlive(); }
        @Override public Optional<T> endValue() { return inner.endValue().map(Delivery::value); }
        @Override public Optional<EndReason> endReason() { return inner.endReason(); }
    }

}
