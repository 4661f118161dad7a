package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.ConsumableStream;
import java.util.concurrent.CompletableFuture;

/**
 * Server-side publish and subscribe. Publications go through the server's broker, so with a shared
 * broker they reach subscribers on every node. Server-side publishes skip the {@code publishIn}
 * middleware but pass {@code publishOut} for each recipient, as in SocketCluster.
 */
public interface Exchange {
    /** Publishes {@code data} to {@code channel}; failures are reported to the server's error listener. */
    void transmitPublish(String channel, Object data);

    /** Publishes {@code data} to {@code channel}; the future completes once the broker accepted it. */
    CompletableFuture<Void> invokePublish(String channel, Object data);

    /**
     * A server-side subscription: a stream of the channel's publications, subscribed (on every node,
     * through the broker) from this call until {@link #unsubscribe}. Returns once the subscription is
     * active. Create the stream's consumer before publishing: items with no consumer are dropped.
     */
    ConsumableStream<Payload> subscribe(String channel);

    /** Ends a server-side subscription; its stream's consumers drain and end. */
    void unsubscribe(String channel);

    boolean isSubscribed(String channel);
}
