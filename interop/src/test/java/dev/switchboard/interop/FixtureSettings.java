package dev.switchboard.interop;

import java.time.Duration;

/**
 * Server options a suite needs from its fixture. Everything else is fixed by the protocol's fixture
 * contract (see {@code interop/README.md}).
 *
 * @param pingIntervalMillis    how often the server pings (socketcluster {@code pingInterval}, Engine.IO
 *                              {@code pingInterval})
 * @param pingTimeoutMillis     how long the server waits for a pong, also sent to the client in the
 *                              handshake (socketcluster / Engine.IO {@code pingTimeout})
 * @param connectTimeoutMillis  Socket.IO only: how long an Engine.IO connection may stay without joining a
 *                              namespace before the server closes it ({@code connectTimeout}); ignored by
 *                              SocketCluster fixtures
 */
public record FixtureSettings(int pingIntervalMillis, int pingTimeoutMillis, int connectTimeoutMillis) {

    /** socket.io 4.8 {@code connectTimeout} default. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 45000;

    /** socketcluster-server 20 defaults. */
    public static final FixtureSettings DEFAULTS = new FixtureSettings(8000, 30000);

    /** socket.io 4.8 / engine.io 6.6 defaults: pingInterval 25000, pingTimeout 20000, connectTimeout 45000. */
    public static final FixtureSettings SOCKETIO_DEFAULTS = new FixtureSettings(25000, 20000, DEFAULT_CONNECT_TIMEOUT_MILLIS);

    public FixtureSettings {
        if (pingIntervalMillis <= 0 || pingTimeoutMillis <= 0 || connectTimeoutMillis <= 0) {
            throw new IllegalArgumentException("timer settings must be positive: " + pingIntervalMillis
                    + "/" + pingTimeoutMillis + "/" + connectTimeoutMillis);
        }
    }

    /** Ping settings only; {@code connectTimeout} keeps the Socket.IO default. */
    public FixtureSettings(int pingIntervalMillis, int pingTimeoutMillis) {
        this(pingIntervalMillis, pingTimeoutMillis, DEFAULT_CONNECT_TIMEOUT_MILLIS);
    }

    public Duration pingInterval() {
        return Duration.ofMillis(pingIntervalMillis);
    }

    public Duration pingTimeout() {
        return Duration.ofMillis(pingTimeoutMillis);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(connectTimeoutMillis);
    }
}
