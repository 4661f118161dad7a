package dev.switchboard.server.auth;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** JavaScript {@code Date} semantics for JWT NumericDate claims. */
final class JsDates {
    /** Largest |epoch millis| a JS Date can hold; beyond it the Date is invalid. */
    private static final double MAX_MILLIS = 8.64e15;

    private JsDates() {}

    /** {@code new Date(seconds * 1000)}, empty when the result would be an invalid Date. */
    static Optional<Instant> fromSeconds(double seconds) {
        double millis = seconds * 1000;
        if (Double.isNaN(millis) || Math.abs(millis) > MAX_MILLIS) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli((long) millis)); // JS TimeClip truncates toward zero
    }

    /** {@code Date.prototype.toISOString}: always millisecond precision, expanded years outside 0..9999. */
    static String toIsoString(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        int year = t.getYear();
        String y = year >= 0 && year <= 9999
                ? String.format("%04d", year)
                : (year < 0 ? "-" : "+") + String.format("%06d", Math.abs(year));
        return y + String.format("-%02d-%02dT%02d:%02d:%02d.%03dZ", t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1_000_000);
    }
}
