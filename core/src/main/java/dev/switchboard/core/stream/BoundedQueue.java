package dev.switchboard.core.stream;

import java.util.ArrayDeque;

/**
 * Package-internal: one consumer's queue under its stream's {@link Backlog} bound, and the count of what
 * the policy discarded. Shared by consumers and handlers so the policy is applied in one place. Not
 * thread-safe: its owner calls it under its own lock.
 */
final class BoundedQueue<T> {
    /** What {@link #add} did. */
    enum Added { YES, REFUSED, OVERFLOWED }

    private final Backlog backlog;
    private final ArrayDeque<T> items = new ArrayDeque<>(4);
    private long dropped;

    BoundedQueue(Backlog backlog) {
        this.backlog = backlog;
    }

    /**
     * Adds {@code item} as the policy allows. On {@link Added#OVERFLOWED} nothing was added, the whole
     * backlog and the item count as dropped, and the owner is expected to end (and {@link #clear}).
     */
    Added add(T item) {
        switch (backlog.admit(items.size())) {
            case REFUSE -> {
                dropped++;
                return Added.REFUSED;
            }
            case DROP_OLDEST -> {
                items.pollFirst();
                dropped++;
            }
            case OVERFLOW -> {
                dropped += items.size() + 1L;
                return Added.OVERFLOWED;
            }
            case ADD -> { }
        }
        items.addLast(item);
        return Added.YES;
    }

    /** The oldest item, removed; null when empty. */
    T poll() {
        return items.pollFirst();
    }

    int size() {
        return items.size();
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    void clear() {
        items.clear();
    }

    long dropped() {
        return dropped;
    }

    int limit() {
        return backlog.limit();
    }
}
