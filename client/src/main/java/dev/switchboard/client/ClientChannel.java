package dev.switchboard.client;

import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.ConsumableStream;
import java.util.concurrent.CompletableFuture;

/**
 * A channel of a {@link SwitchboardClient}, as SocketCluster's {@code AGChannel}: a stream of the
 * publications the client receives on it, plus its subscription state and events.
 *
 * <p><b>Lifecycle.</b> A handle: cheap, holds no state of its own and may be created any number of times
 * ({@link SwitchboardClient#channel(String)}); all handles of a name share the client's subscription and
 * streams. Publications are delivered while the channel is {@link ChannelState#SUBSCRIBED} or
 * {@link ChannelState#PENDING} (between a reconnect and the resubscription), and dropped once it is
 * {@link ChannelState#UNSUBSCRIBED}. SocketCluster does not replay: what is published while the client is
 * disconnected is lost. {@link #close()} / {@link #kill()} end the current consumers (drained / at once)
 * without unsubscribing; new consumers can be created later.
 *
 * <p><b>Threading.</b> Thread-safe. Consume the stream and the listeners on your own (virtual) threads;
 * the client writes to them without ever waiting for a consumer.
 *
 * <p><b>Backpressure.</b> Every consumer buffers what it has not consumed yet, without bound: a consumer
 * that stops reading grows memory. Close consumers you stop reading ({@code try (var c = channel.createConsumer())}).
 */
public interface ClientChannel extends ConsumableStream<Payload> {

    /** The channel name (without the client's channel prefix). */
    String name();

    /** The subscription state; {@link ChannelState#UNSUBSCRIBED} if the client does not know this channel. */
    ChannelState state();

    /** The options of the current subscription (defaults when unsubscribed). */
    SubscribeOptions options();

    /** Whether subscribed; with {@code includePending} also whether pending. */
    boolean isSubscribed(boolean includePending);

    /** Subscribes (again) with default options; no-op if already subscribed or pending. */
    ClientChannel subscribe();

    /** Subscribes with {@code options}; if already subscribed or pending, replaces its options. */
    ClientChannel subscribe(SubscribeOptions options);

    /** Leaves the channel: state becomes {@link ChannelState#UNSUBSCRIBED}, the server is told if connected. */
    void unsubscribe();

    /**
     * This channel's events: {@link ClientEvents#SUBSCRIBE}, {@link ClientEvents#SUBSCRIBE_FAIL},
     * {@link ClientEvents#UNSUBSCRIBE}, {@link ClientEvents#SUBSCRIBE_STATE_CHANGE} or {@link ClientEvents#KICK_OUT}.
     *
     * @throws IllegalArgumentException for a key channels do not emit
     */
    <E extends ClientEvents.ClientEvent> ConsumableStream<E> listener(ClientEventKey<E> event);

    /** Publishes without waiting for the server, as {@link SwitchboardClient#transmitPublish(String, Object)}. */
    void transmitPublish(Object data);

    /** Publishes; completes once the server accepted it, as {@link SwitchboardClient#invokePublish(String, Object)}. */
    CompletableFuture<Payload> invokePublish(Object data);

    /** Current consumers of the publication stream and of this channel's listeners drain, then end. */
    void close();

    /** Current consumers of the publication stream and of this channel's listeners end now, backlog dropped. */
    void kill();

    /** The largest backlog of any consumer of this channel's publications. */
    int backpressure();
}
