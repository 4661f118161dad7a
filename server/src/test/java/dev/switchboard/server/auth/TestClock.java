package dev.switchboard.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** Settable time source so expiry tests never sleep. */
final class TestClock implements InstantSource {
    private volatile Instant now;

    TestClock(long epochSecond) {
        this.now = Instant.ofEpochSecond(epochSecond);
    }

    @Override
    public Instant instant() {
        return now;
    }

    void set(Instant instant) {
        now = instant;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }
}
