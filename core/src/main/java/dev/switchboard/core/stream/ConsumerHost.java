package dev.switchboard.core.stream;

import java.util.Optional;

/**
 * Package-internal view of "one stream that consumers attach to": a {@link WritableStream} or one
 * named sub-stream of a {@link StreamDemux}. Lets {@link Consumers} build consumers for either.
 */
interface ConsumerHost<T> {

    long nextId();

    Optional<String> streamName();

    Backlog backlog();

    /** Registers the sink unless it has already ended. */
    void attach(Sink<T> sink);

    /** Unregisters the sink; called exactly once, by the sink, when it ends. */
    void detach(Sink<T> sink);
}
