package dev.switchboard.server;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Engine.IO v4 heartbeat of one {@link EioSession}: the server pings every {@code pingInterval} and
 * closes the session when no pong comes within {@code pingTimeout}. Confined to the session's event loop.
 */
final class EioHeartbeat {
    private final EioSession session;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> pongTimeout;

    EioHeartbeat(EioSession session) {
        this.session = session;
    }

    void start() {
        schedulePing();
    }

    private void schedulePing() {
        pingTask = session.loop.schedule(() -> {
            session.send("2");
            pongTimeout = session.loop.schedule(() -> session.close("ping timeout"),
                    session.eio.options().pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }, session.eio.options().pingInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A pong arrived (on any thread). */
    void onPong() {
        if (session.loop.inEventLoop()) {
            pongArrived();
        } else {
            session.loop.execute(this::pongArrived);
        }
    }

    private void pongArrived() {
        if (pongTimeout != null) {
            pongTimeout.cancel(false);
            pongTimeout = null;
        }
        if (!session.isClosed() && (pingTask == null || pingTask.isDone())) {
            schedulePing();
        }
    }

    /** Stops both timers; on the event loop. */
    void cancel() {
        if (pingTask != null) {
            pingTask.cancel(false);
        }
        if (pongTimeout != null) {
            pongTimeout.cancel(false);
        }
    }
}
