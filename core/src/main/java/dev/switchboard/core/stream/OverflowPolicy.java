package dev.switchboard.core.stream;

/**
 * What a bounded stream does when a consumer's backlog is already at the bound and another item is
 * written to it. Only used when a maximum backlog was configured; streams are unbounded by default.
 *
 * <p>No policy is silent: every item discarded by a policy is added to the consumer's
 * {@link ConsumerStats#dropped()} count. Writers are never blocked by any policy; the policy is
 * applied by the writing thread, under the consumer's own lock, at the moment of the write.
 */
public enum OverflowPolicy {
    /**
     * End the overflowing consumer at once: its backlog and the new item are discarded (and counted as
     * dropped), it is unregistered, and its next {@code hasNext()}/{@code next()} throws
     * {@link StreamOverflowException}. The default when a bound is set, because a consumer that
     * cannot keep up usually means a broken peer.
     */
    FAIL,
    /** Discard the oldest queued item to make room for the new one. */
    DROP_OLDEST,
    /** Discard the new item; the backlog is kept as it is. */
    DROP_NEWEST
}
