package dev.switchboard.client;

import static dev.switchboard.client.CloseCodes.STATUS_TEXT;

import java.time.Duration;

/**
 * Package-internal: the dead-link check. The server pings; the client answers each ping with a pong and
 * closes with 4000 when none comes within the ping timeout (unless disabled). Guarded by the client's lock.
 */
final class Heartbeat {
    private final ClientCore core;
    private final String ping;
    private final String pong;

    Heartbeat(ClientCore core) {
        this.core = core;
        this.ping = core.options.protocolVersion() == 1 ? "#1" : "";
        this.pong = core.options.protocolVersion() == 1 ? "#2" : "";
    }

    Duration pingTimeout() {
        return core.locked(() -> core.connection == null ? core.options.connectTimeout() : core.connection.pingTimeout);
    }

    /** Answers {@code text} if it is a ping; returns whether it was. */
    boolean onPing(Connection conn, String text) {
        if (text.equals(ping)) {
            resetPingTimer(conn);
            conn.sendUnbatched(pong);
            return true;
        }
        return false;
    }

    void resetPingTimer(Connection conn) {
        conn.lastPingNanos = System.nanoTime();
        ClientThreads.cancel(conn.pingTimer);
        conn.pingTimer = null;
        if (!core.options.pingTimeoutDisabled()) {
            conn.pingTimer = ClientThreads.schedule(() -> onPingTimeout(conn), conn.pingTimeout.toMillis());
        }
    }

    /** The stale-socket check of client 19.2.4+: open, but no ping within the ping timeout. */
    boolean isStale() {
        return core.state == ClientState.OPEN && !core.options.pingTimeoutDisabled()
                && System.nanoTime() - core.connection.lastPingNanos >= core.connection.pingTimeout.toNanos();
    }

    private void onPingTimeout(Connection conn) {
        core.lock.lock();
        try {
            if (conn.closed || conn != core.connection) {
                return;
            }
            core.lifecycle.destroy(conn, 4000, STATUS_TEXT.get(4000), null);
            conn.close(4000, STATUS_TEXT.get(4000));
        } finally {
            core.lock.unlock();
        }
    }
}
