package dev.switchboard.core.stream;

import java.util.Objects;

/** Package-internal per-consumer backlog bound; {@link #UNBOUNDED} unless a builder set one. */
record Backlog(int limit, OverflowPolicy policy) {

    static final Backlog UNBOUNDED = new Backlog(Integer.MAX_VALUE, OverflowPolicy.FAIL);

    Backlog {
        Objects.requireNonNull(policy, "policy");
        if (limit < 1) {
            throw new IllegalArgumentException("maxBacklog must be at least 1, was " + limit);
        }
    }

    /** What a full or non-full backlog does with one more item. */
    enum Admission { ADD, REFUSE, DROP_OLDEST, OVERFLOW }

    /** The policy's verdict for an item offered to a backlog that holds {@code size} items. */
    Admission admit(int size) {
        if (size < limit) {
            return Admission.ADD;
        }
        return switch (policy) {
            case DROP_NEWEST -> Admission.REFUSE;
            case DROP_OLDEST -> Admission.DROP_OLDEST;
            case FAIL -> Admission.OVERFLOW;
        };
    }

    /** Validating accumulator shared by the public builders, so the rules live in one place. */
    static final class Spec {
        private int limit;
        private OverflowPolicy policy;

        void maxBacklog(int maxBacklog) {
            if (maxBacklog < 1) {
                throw new IllegalArgumentException("maxBacklog must be at least 1, was " + maxBacklog);
            }
            this.limit = maxBacklog;
        }

        void overflowPolicy(OverflowPolicy overflowPolicy) {
            this.policy = Objects.requireNonNull(overflowPolicy, "overflowPolicy");
        }

        Backlog build() {
            if (limit == 0) {
                if (policy != null) {
                    // A policy without a bound would never apply; that is almost surely a mistake.
                    throw new IllegalStateException("overflowPolicy needs maxBacklog to be set");
                }
                return UNBOUNDED;
            }
            return new Backlog(limit, policy == null ? OverflowPolicy.FAIL : policy);
        }
    }
}
