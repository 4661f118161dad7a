package dev.switchboard.core.stream;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Package-internal argument checks shared by the public types, so messages are uniform. */
final class Checks {
    private Checks() {
    }

    static Optional<Duration> positiveTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return Optional.of(timeout);
    }

    static <T> T item(T item) {
        return Objects.requireNonNull(item, "stream items must not be null");
    }

    static <T> T endValue(T endValue) {
        return Objects.requireNonNull(endValue, "endValue must not be null; use the no-argument form");
    }

    static String name(String name) {
        return Objects.requireNonNull(name, "stream name must not be null");
    }
}
