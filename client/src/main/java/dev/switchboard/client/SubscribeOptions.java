package dev.switchboard.client;

import dev.switchboard.core.Payload;
import java.util.Objects;

/**
 * Options of a channel subscription, as SocketCluster's {@code subscribe(name, {waitForAuth, data, priority})}.
 * Immutable and thread-safe; start from {@link #defaults()} and use the withers. Kept by the client for the
 * lifetime of the subscription and re-sent with every resubscription after a reconnect.
 *
 * @param waitForAuth send the subscription only while authenticated (client-side only: the server
 *                    does not enforce it, use middleware for that)
 * @param data        sent with {@code #subscribe} when truthy in JavaScript terms (not none, null, false,
 *                    0 or ""); servers see it in their subscribe middleware
 * @param priority    pending subscriptions are (re)sent in descending priority after each handshake;
 *                    never sent to the server
 */
public record SubscribeOptions(boolean waitForAuth, Payload data, int priority) {

    private static final SubscribeOptions DEFAULTS = new SubscribeOptions(false, Payload.none(), 0);

    public SubscribeOptions {
        Objects.requireNonNull(data, "data (use Payload.none())");
    }

    /** No waitForAuth, no data, priority 0. */
    public static SubscribeOptions defaults() {
        return DEFAULTS;
    }

    /** A copy with {@code waitForAuth}. */
    public SubscribeOptions withWaitForAuth(boolean waitForAuth) {
        return new SubscribeOptions(waitForAuth, data, priority);
    }

    /** Data for the server's subscribe middleware; any value {@link Payload#of(Object)} accepts. */
    public SubscribeOptions withData(Object data) {
        return new SubscribeOptions(waitForAuth, Payload.of(data), priority);
    }

    /** A copy with {@code priority}. */
    public SubscribeOptions withPriority(int priority) {
        return new SubscribeOptions(waitForAuth, data, priority);
    }
}
