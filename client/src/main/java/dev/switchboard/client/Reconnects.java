package dev.switchboard.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Package-internal: automatic reconnection: after a connection ends, a timer with the backoff of
 * {@link ReconnectOptions} for the attempt count, reset by each completed handshake. Guarded by the
 * client's lock.
 */
final class Reconnects {
    private final ClientCore core;

    // ---- guarded by the lock ----
    private int connectAttempts;
    private ScheduledFuture<?> reconnectTimer;
    private Duration pendingReconnectDelay;

    Reconnects(ClientCore core) {
        this.core = core;
    }

    Optional<Duration> pendingReconnect() {
        return core.locked(() -> Optional.ofNullable(pendingReconnectDelay));
    }

    int connectAttempts() {
        return core.locked(() -> connectAttempts);
    }

    void resetAttempts() {
        connectAttempts = 0;
    }

    /** Starts the reconnect timer after a close with {@code code}, when the options ask for one. */
    void scheduleAfterClose(int code) {
        if (core.options.autoReconnect() && !core.terminated) {
            Optional<Duration> delay = core.options.reconnectOptions().delayAfterClose(code, connectAttempts,
                    ThreadLocalRandom.current().nextDouble());
            if (delay.isPresent()) {
                connectAttempts++;
                pendingReconnectDelay = delay.get();
                reconnectTimer = ClientThreads.schedule(this::reconnectTimerFired, delay.get().toMillis());
            }
        }
    }

    private void reconnectTimerFired() {
        core.lock.lock();
        try {
            reconnectTimer = null;
            pendingReconnectDelay = null;
            core.lifecycle.connectLocked();
        } finally {
            core.lock.unlock();
        }
    }

    void cancel() {
        ClientThreads.cancel(reconnectTimer);
        reconnectTimer = null;
        pendingReconnectDelay = null;
    }
}
