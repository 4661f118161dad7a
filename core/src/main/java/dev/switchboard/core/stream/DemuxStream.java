package dev.switchboard.core.stream;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Package-internal handle on one named sub-stream of a {@link StreamDemux}. Holds only the demux and
 * the name, so making one buffers nothing and registers nothing; the sub-stream itself exists only
 * while it has consumers.
 */
record DemuxStream<T>(StreamDemux<T> demux, String name) implements ConsumableStream<T>, ConsumerHost<T> {

    @Override
    public StreamConsumer<T> createConsumer() {
        var consumer = new QueueConsumer<>(this, Optional.empty());
        attach(consumer);
        return consumer;
    }

    @Override
    public StreamConsumer<T> createConsumer(Duration timeout) {
        var consumer = new QueueConsumer<>(this, Checks.positiveTimeout(timeout));
        attach(consumer);
        return consumer;
    }

    @Override
    public StreamHandler handle(java.util.function.Consumer<? super T> handler) {
        return HandlerSink.start(this, handler);
    }

    @Override
    public CompletableFuture<T> once() {
        return OnceSink.start(this, Optional.empty());
    }

    @Override
    public CompletableFuture<T> once(Duration timeout) {
        return OnceSink.start(this, Checks.positiveTimeout(timeout));
    }

    @Override
    public long nextId() {
        return demux.nextId();
    }

    @Override
    public Optional<String> streamName() {
        return Optional.of(name);
    }

    @Override
    public Backlog backlog() {
        return demux.backlog();
    }

    @Override
    public void attach(Sink<T> sink) {
        demux.attach(name, sink);
    }

    @Override
    public void detach(Sink<T> sink) {
        demux.detach(name, sink);
    }

    @Override
    public String toString() {
        return "DemuxStream[" + name + "]";
    }
}
