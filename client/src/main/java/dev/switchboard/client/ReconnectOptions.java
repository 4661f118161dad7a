package dev.switchboard.client;

import java.time.Duration;
import java.util.Optional;

/**
 * Automatic reconnection backoff, as SocketCluster's {@code autoReconnectOptions}. Immutable and
 * thread-safe; read by the client each time a connection ends (no state of its own, no backpressure).
 *
 * <p>The delay before reconnect attempt {@code n} (0-based, reset after every successful handshake) is
 * {@code round(round(initialDelay + random * randomness) * multiplier^n)}, capped at {@code maxDelay},
 * where {@code random} is uniform in [0, 1). After a close with code 4000 (server ping timed out),
 * 4001 (client pong timed out) or 1005 (no status) the first attempt is immediate. Codes 1000 and
 * codes of 4500 and above never reconnect. See {@link #delayAfterClose(int, int, double)}.
 *
 * @param initialDelay the fixed part of the first delay (default 10 s)
 * @param randomness   the random part of the first delay (default 10 s)
 * @param multiplier   growth per failed attempt, at least 1 (default 1.5)
 * @param maxDelay     upper bound of every delay (default 60 s)
 */
public record ReconnectOptions(Duration initialDelay, Duration randomness, double multiplier, Duration maxDelay) {

    /** SocketCluster's defaults: 10 s + up to 10 s random, times 1.5 per attempt, at most 60 s. */
    public static final ReconnectOptions DEFAULTS = new ReconnectOptions(Duration.ofSeconds(10), Duration.ofSeconds(10),
            1.5, Duration.ofSeconds(60));

    /**
     * @throws IllegalArgumentException if a duration is negative, the multiplier is below 1 or not
     *                                  finite, or a duration exceeds 2^31-1 ms
     */
    public ReconnectOptions {
        OptionChecks.checkDuration("initialDelay", initialDelay, true);
        OptionChecks.checkDuration("randomness", randomness, true);
        OptionChecks.checkDuration("maxDelay", maxDelay, true);
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1, got " + multiplier);
        }
    }

    /** Options with a fixed part, a random part, the default multiplier and a cap. */
    public static ReconnectOptions of(Duration initialDelay, Duration randomness, Duration maxDelay) {
        return new ReconnectOptions(initialDelay, randomness, DEFAULTS.multiplier(), maxDelay);
    }

    /** A copy with another fixed part. */
    public ReconnectOptions withInitialDelay(Duration d) {
        return new ReconnectOptions(d, randomness, multiplier, maxDelay);
    }

    /** A copy with another random part. */
    public ReconnectOptions withRandomness(Duration d) {
        return new ReconnectOptions(initialDelay, d, multiplier, maxDelay);
    }

    /** A copy with another growth factor. */
    public ReconnectOptions withMultiplier(double m) {
        return new ReconnectOptions(initialDelay, randomness, m, maxDelay);
    }

    /** A copy with another cap. */
    public ReconnectOptions withMaxDelay(Duration d) {
        return new ReconnectOptions(initialDelay, randomness, multiplier, d);
    }

    /**
     * The backoff delay of attempt {@code attempt} (0-based) for a random draw {@code random} in [0, 1):
     * {@code min(maxDelay, round(round(initialDelay + random * randomness) * multiplier^attempt))} in
     * milliseconds.
     *
     * @throws IllegalArgumentException if {@code attempt} is negative or {@code random} not in [0, 1]
     */
    public Duration backoff(int attempt, double random) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0, got " + attempt);
        }
        if (!(random >= 0.0 && random <= 1.0)) {
            throw new IllegalArgumentException("random must be in [0, 1], got " + random);
        }
        double first = Math.round(initialDelay.toMillis() + randomness.toMillis() * random);
        double scaled = Math.round(first * Math.pow(multiplier, attempt));
        long cap = maxDelay.toMillis();
        return Duration.ofMillis(scaled >= cap ? cap : (long) scaled);
    }

    /**
     * The delay before reconnecting after a close with {@code closeCode}, when {@code attempt}
     * reconnect attempts were made since the last successful handshake; empty if the client must not
     * reconnect. The official client's rule: 4000, 4001 and 1005 retry at once on the first attempt;
     * otherwise any code but 1000 and below 4500 backs off as {@link #backoff(int, double)}.
     */
    public Optional<Duration> delayAfterClose(int closeCode, int attempt, double random) {
        if (closeCode == 4000 || closeCode == 4001 || closeCode == 1005) {
            return Optional.of(attempt == 0 ? Duration.ZERO : backoff(attempt, random));
        }
        if (closeCode != 1000 && closeCode < 4500) {
            return Optional.of(backoff(attempt, random));
        }
        return Optional.empty();
    }
}
