package dev.switchboard.client;

/**
 * The state of one channel subscription on the client, as SocketCluster's {@code channel.state}.
 *
 * <p>{@link #PENDING} from {@code subscribe()} until the server confirmed it, and again after every
 * disconnect until the resubscription is confirmed; {@link #SUBSCRIBED} while confirmed;
 * {@link #UNSUBSCRIBED} once {@code unsubscribe()}d, kicked out, or refused by the server. Changes are
 * announced by {@link ClientEvents#SUBSCRIBE_STATE_CHANGE}. Immutable and thread-safe.
 */
public enum ChannelState {
    /** Wanted, not (yet or again) confirmed by the server; publications are still delivered. */
    PENDING,
    /** Confirmed by the server. */
    SUBSCRIBED,
    /** Not wanted: never subscribed, unsubscribed, kicked out or refused. */
    UNSUBSCRIBED
}
