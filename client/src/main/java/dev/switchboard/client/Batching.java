package dev.switchboard.client;

import java.util.concurrent.ScheduledFuture;

/**
 * Package-internal: outbound batching. While batching, the connection collects frames and a timer sends
 * them as one array frame every {@code batchInterval}; the user batches with {@code startBatch}, and
 * {@code batchOnHandshake} batches for a while after each handshake. Guarded by the client's lock.
 */
final class Batching {
    private final ClientCore core;

    // ---- guarded by the lock ----
    private boolean userBatching;
    private ScheduledFuture<?> batchTimer;

    Batching(ClientCore core) {
        this.core = core;
    }

    void startBatch() {
        core.lock.lock();
        try {
            userBatching = true;
            if (core.state == ClientState.OPEN) {
                ClientThreads.cancel(core.connection.batchStopTimer);
                startBatchTimer(core.connection);
            }
        } finally {
            core.lock.unlock();
        }
    }

    void flushBatch() {
        core.lock.lock();
        try {
            if (core.connection != null && !core.connection.closed) {
                core.connection.flushBatch();
            }
        } finally {
            core.lock.unlock();
        }
    }

    void stopBatch() {
        core.lock.lock();
        try {
            userBatching = false;
            stopBatchTimer();
            if (core.connection != null && !core.connection.closed) {
                core.connection.stopBatch();
            }
        } finally {
            core.lock.unlock();
        }
    }

    boolean isBatching() {
        return core.locked(() -> userBatching
                || (core.connection != null && !core.connection.closed && core.connection.isBatching()));
    }

    /** The handshake on {@code conn} completed: batch on if the user batches, or for a while if configured. */
    void onHandshake(Connection conn) {
        if (userBatching) {
            startBatchTimer(conn);
        } else if (core.options.batchOnHandshake()) {
            startBatchTimer(conn);
            conn.batchStopTimer = ClientThreads.schedule(() -> {
                core.lock.lock();
                try {
                    if (!userBatching && core.connection == conn && !conn.closed) {
                        stopBatchTimer();
                        conn.stopBatch();
                    }
                } finally {
                    core.lock.unlock();
                }
            }, core.options.batchOnHandshakeDuration().toMillis());
        }
    }

    private void startBatchTimer(Connection conn) {
        conn.startBatch();
        if (batchTimer == null) {
            long every = core.options.batchInterval().toMillis();
            batchTimer = ClientThreads.scheduleAtFixedRate(() -> {
                core.lock.lock();
                try {
                    if (core.connection == conn && !conn.closed) {
                        conn.flushBatch();
                    }
                } finally {
                    core.lock.unlock();
                }
            }, every);
        }
    }

    void stopBatchTimer() {
        ClientThreads.cancel(batchTimer);
        batchTimer = null;
    }
}
