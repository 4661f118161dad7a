package dev.switchboard.core.stream;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Package-internal {@link StreamHandler} for streams without a cheaper form: a consumer with one
 * virtual thread looping over it for the handler's whole life. Same order and error rules as
 * {@link HandlerSink}, but the thread stays parked while idle.
 */
record LoopHandler<T>(StreamConsumer<T> consumer) implements StreamHandler {

    static <T> StreamHandler start(StreamConsumer<T> consumer, Consumer<? super T> handler) {
        Thread.ofVirtual().name("stream-handler").start(() -> {
            for (T item : consumer) {
                try {
                    handler.accept(item);
                } catch (RuntimeException | Error e) {
                    Thread current = Thread.currentThread();
                    current.getUncaughtExceptionHandler().uncaughtException(current, e);
                }
            }
        });
        return new LoopHandler<>(consumer);
    }

    @Override
    public long id() {
        return consumer.id();
    }

    @Override
    public int backpressure() {
        return consumer.backpressure();
    }

    @Override
    public ConsumerStats stats() {
        return consumer.stats();
    }

    @Override
    public boolean isAlive() {
        return consumer.isAlive();
    }

    @Override
    public Optional<EndReason> endReason() {
        return consumer.endReason();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
