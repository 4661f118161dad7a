package dev.switchboard.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the Socket.IO endpoint (Engine.IO v4 + Socket.IO v5). Defaults are socket.io 4.8's.
 *
 * @param enabled           serve {@link #path()} at all
 * @param path              the endpoint, matched as a prefix; default {@code /socket.io/}
 * @param pingInterval      how often the server pings; default 25 s
 * @param pingTimeout       how long the server waits for the pong; default 20 s
 * @param upgradeTimeout    how long a polling → WebSocket upgrade may take; default 10 s
 * @param maxHttpBufferSize largest message or polling body in bytes (413 / close above); default 1,000,000
 * @param connectTimeout    how long a connection may stay without any namespace; default 45 s
 * @param allowPolling      accept HTTP long-polling
 * @param allowWebSocket    accept WebSocket
 * @param allowUpgrades     offer polling clients the upgrade to WebSocket
 * @param corsOrigins       origins allowed for cross-origin polling ({@code *} for any); empty disables CORS
 * @param corsCredentials   send {@code Access-Control-Allow-Credentials: true}
 * @param cookie            name of a cookie carrying the session id, for cookie-sticky load balancers;
 *                          empty for none
 * @param maxAttachments    most binary attachments one packet may declare; default 10
 * @param maxPacketsPerPayload most packets one polling POST may carry (the body limit applies too); default
 *                          10,000: the official client sends every queued packet in one POST
 */
public record SocketIoOptions(boolean enabled, String path, Duration pingInterval, Duration pingTimeout,
        Duration upgradeTimeout, int maxHttpBufferSize, Duration connectTimeout, boolean allowPolling,
        boolean allowWebSocket, boolean allowUpgrades, List<String> corsOrigins, boolean corsCredentials,
        String cookie, int maxAttachments, int maxPacketsPerPayload) {

    public static final String DEFAULT_PATH = "/socket.io/";

    public SocketIoOptions {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pingTimeout, "pingTimeout");
        Objects.requireNonNull(upgradeTimeout, "upgradeTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(cookie, "cookie");
        corsOrigins = List.copyOf(corsOrigins);
        if (!path.startsWith("/") || !path.endsWith("/")) {
            throw new IllegalArgumentException("path must start and end with '/': " + path);
        }
        for (Duration d : List.of(pingInterval, pingTimeout, upgradeTimeout, connectTimeout)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive: " + d);
            }
        }
        if (maxHttpBufferSize < 1024) {
            throw new IllegalArgumentException("maxHttpBufferSize must be at least 1024: " + maxHttpBufferSize);
        }
        if (!allowPolling && !allowWebSocket) {
            throw new IllegalArgumentException("allow at least one transport");
        }
        if (maxAttachments < 0 || maxPacketsPerPayload < 1) {
            throw new IllegalArgumentException("maxAttachments >= 0 and maxPacketsPerPayload >= 1 required");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static SocketIoOptions defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.enabled = enabled;
        b.path = path;
        b.pingInterval = pingInterval;
        b.pingTimeout = pingTimeout;
        b.upgradeTimeout = upgradeTimeout;
        b.maxHttpBufferSize = maxHttpBufferSize;
        b.connectTimeout = connectTimeout;
        b.allowPolling = allowPolling;
        b.allowWebSocket = allowWebSocket;
        b.allowUpgrades = allowUpgrades;
        b.corsOrigins = corsOrigins;
        b.corsCredentials = corsCredentials;
        b.cookie = cookie;
        b.maxAttachments = maxAttachments;
        b.maxPacketsPerPayload = maxPacketsPerPayload;
        return b;
    }

    /** Mutable, single-threaded builder. */
    public static final class Builder {
        private boolean enabled = true;
        private String path = DEFAULT_PATH;
        private Duration pingInterval = Duration.ofSeconds(25);
        private Duration pingTimeout = Duration.ofSeconds(20);
        private Duration upgradeTimeout = Duration.ofSeconds(10);
        private int maxHttpBufferSize = 1_000_000;
        private Duration connectTimeout = Duration.ofSeconds(45);
        private boolean allowPolling = true;
        private boolean allowWebSocket = true;
        private boolean allowUpgrades = true;
        private List<String> corsOrigins = List.of();
        private boolean corsCredentials;
        private String cookie = "";
        private int maxAttachments = 10;
        private int maxPacketsPerPayload = 10_000;

        private Builder() {}

        public Builder enabled(boolean b) { this.enabled = b; return this; }
        public Builder path(String p) { this.path = p; return this; }
        public Builder pingInterval(Duration d) { this.pingInterval = d; return this; }
        public Builder pingTimeout(Duration d) { this.pingTimeout = d; return this; }
        public Builder upgradeTimeout(Duration d) { this.upgradeTimeout = d; return this; }
        public Builder maxHttpBufferSize(int bytes) { this.maxHttpBufferSize = bytes; return this; }
        public Builder connectTimeout(Duration d) { this.connectTimeout = d; return this; }
        public Builder allowPolling(boolean b) { this.allowPolling = b; return this; }
        public Builder allowWebSocket(boolean b) { this.allowWebSocket = b; return this; }
        public Builder allowUpgrades(boolean b) { this.allowUpgrades = b; return this; }
        public Builder corsOrigins(List<String> origins) { this.corsOrigins = origins; return this; }
        public Builder corsCredentials(boolean b) { this.corsCredentials = b; return this; }
        public Builder cookie(String name) { this.cookie = name; return this; }
        public Builder maxAttachments(int n) { this.maxAttachments = n; return this; }
        public Builder maxPacketsPerPayload(int n) { this.maxPacketsPerPayload = n; return this; }

        public SocketIoOptions build() {
            return new SocketIoOptions(enabled, path, pingInterval, pingTimeout, upgradeTimeout, maxHttpBufferSize,
                    connectTimeout, allowPolling, allowWebSocket, allowUpgrades, corsOrigins, corsCredentials, cookie,
                    maxAttachments, maxPacketsPerPayload);
        }
    }
}
