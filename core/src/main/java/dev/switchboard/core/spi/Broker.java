package dev.switchboard.core.spi;

import dev.switchboard.core.Payload;
import java.util.concurrent.CompletableFuture;

/**
 * Carries publications between the nodes of a Switchboard deployment. The server keeps its own
 * per-channel index of local subscribers and fans a publication out to them with one encode; the broker
 * only moves each publication to every node that subscribed to its channel.
 *
 * <h2>Lifecycle</h2>
 * {@link #start(BrokerSink)} is called once, before any other method; {@link #close()} last. After
 * close, futures fail with {@link BrokerException}.
 *
 * <h2>Subscriptions</h2>
 * The node calls {@link #subscribe} when a channel gets its first local subscriber and {@link
 * #unsubscribe} when the last one leaves; calls for one channel are made in order, never concurrently.
 * The subscribe future completes once publications to the channel are being delivered to this node,
 * so a client is told it is subscribed only when that is true. A broker that loses its connection must
 * restore every subscription by itself when the connection returns.
 *
 * <h2>Delivery guarantees</h2>
 * <ul>
 *   <li><b>At most once.</b> Each publication reaches each subscribed node at most once; there is no
 *       persistence and no redelivery. Publications made while a node was not subscribed are not
 *       delivered to it later.</li>
 *   <li><b>Ordered per channel and publisher.</b> Publications to one channel made by one node, each
 *       {@code publish} call issued after the previous one returned, reach every node in that order.
 *       No order is promised between channels or between publishers.</li>
 *   <li><b>Never silently lost.</b> The {@code publish} future completes normally only once the
 *       broker accepted the publication for delivery; when it cannot (disconnected, timed out, closed)
 *       the future fails with {@link BrokerException}. Loss after acceptance (a node crash) is possible
 *       and shows as a gap in {@link StreamPosition#offset()} or a new {@link StreamPosition#epoch()}.</li>
 *   <li><b>Positions.</b> Every delivered {@link Publication} carries its channel's position: offsets
 *       grow by one per publication within an epoch.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * All methods are thread-safe and non-blocking; they return futures. The sink is called from the
 * broker's threads, one call at a time per channel.
 */
public interface Broker extends AutoCloseable {

    /** Starts delivering this node's subscribed channels to {@code sink}. */
    void start(BrokerSink sink);

    /** Starts receiving publications of {@code channel} on this node. Idempotent. */
    CompletableFuture<Void> subscribe(String channel);

    /** Stops receiving publications of {@code channel} on this node. Idempotent. */
    CompletableFuture<Void> unsubscribe(String channel);

    /** Publishes {@code data} to every node subscribed to {@code channel}, this one included. */
    CompletableFuture<Void> publish(String channel, Payload data);

    /** A short name for logs and metrics, such as {@code memory} or {@code redis}. */
    String name();

    /** Releases the broker's resources. Pending futures fail. */
    @Override
    void close();

    /** The single-node default: publications stay inside this JVM. */
    static Broker inMemory() {
        return new MemoryBroker();
    }
}
