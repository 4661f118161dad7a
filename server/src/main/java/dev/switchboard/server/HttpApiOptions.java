package dev.switchboard.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the server's plain-HTTP endpoints: Server-Sent Events at {@value #SSE_PATH}, the publish
 * API at {@value #PUBLISH_PATH} and {@value #BROADCAST_PATH}, and the probes {@value #HEALTH_PATH} and
 * {@value #READY_PATH}. Immutable; build with {@link #builder()}.
 *
 * @param apiKeys        keys that authorise the publish API ({@code Authorization: Bearer <key>} or
 *                       {@code X-Api-Key: <key>}); when empty the API is disabled and its paths answer
 *                       404, so a server never accepts unauthenticated publishes
 * @param sse            serve Server-Sent Events at {@value #SSE_PATH}; default on
 * @param health         serve {@value #HEALTH_PATH} and {@value #READY_PATH}; default on
 * @param sseHeartbeat   how often an idle SSE stream gets a {@code : ping} comment, so proxies keep it
 *                       open and dead peers are noticed; default 15 s
 * @param sseRetry       the {@code retry:} hint sent first on each stream: how long {@code EventSource}
 *                       waits before reconnecting; default 3 s
 * @param sseTokenCookie name of the cookie that may carry the JWT of an SSE request; default
 *                       {@value #DEFAULT_TOKEN_COOKIE}
 * @param maxBodyBytes   largest publish API request body; bigger answers 413; default 1 MiB
 */
public record HttpApiOptions(List<String> apiKeys, boolean sse, boolean health, Duration sseHeartbeat,
        Duration sseRetry, String sseTokenCookie, int maxBodyBytes) {

    public static final String SSE_PATH = "/sse";
    public static final String PUBLISH_PATH = "/api/publish";
    public static final String BROADCAST_PATH = "/api/broadcast";
    public static final String HEALTH_PATH = "/healthz";
    public static final String READY_PATH = "/readyz";
    public static final String DEFAULT_TOKEN_COOKIE = "switchboard_token";

    public HttpApiOptions {
        Objects.requireNonNull(sseHeartbeat, "sseHeartbeat");
        Objects.requireNonNull(sseRetry, "sseRetry");
        Objects.requireNonNull(sseTokenCookie, "sseTokenCookie");
        apiKeys = List.copyOf(apiKeys);
        for (String key : apiKeys) {
            if (key.length() < 16) {
                throw new IllegalArgumentException("API keys must be at least 16 characters long");
            }
        }
        if (sseHeartbeat.isNegative() || sseHeartbeat.isZero() || sseRetry.isNegative()) {
            throw new IllegalArgumentException("sseHeartbeat must be positive and sseRetry not negative");
        }
        if (maxBodyBytes < 64) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 64: " + maxBodyBytes);
        }
    }

    /** The defaults: SSE and probes on, publish API off (no keys). */
    public static HttpApiOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().apiKeys(apiKeys).sse(sse).health(health).sseHeartbeat(sseHeartbeat)
                .sseRetry(sseRetry).sseTokenCookie(sseTokenCookie).maxBodyBytes(maxBodyBytes);
    }

    /** Mutable, single-threaded builder for {@link HttpApiOptions}. */
    public static final class Builder {
        private List<String> apiKeys = List.of();
        private boolean sse = true;
        private boolean health = true;
        private Duration sseHeartbeat = Duration.ofSeconds(15);
        private Duration sseRetry = Duration.ofSeconds(3);
        private String sseTokenCookie = DEFAULT_TOKEN_COOKIE;
        private int maxBodyBytes = 1 << 20;

        private Builder() {}

        public Builder apiKeys(List<String> keys) { this.apiKeys = keys; return this; }
        public Builder sse(boolean on) { this.sse = on; return this; }
        public Builder health(boolean on) { this.health = on; return this; }
        public Builder sseHeartbeat(Duration d) { this.sseHeartbeat = d; return this; }
        public Builder sseRetry(Duration d) { this.sseRetry = d; return this; }
        public Builder sseTokenCookie(String name) { this.sseTokenCookie = name; return this; }
        public Builder maxBodyBytes(int bytes) { this.maxBodyBytes = bytes; return this; }

        public HttpApiOptions build() {
            return new HttpApiOptions(apiKeys, sse, health, sseHeartbeat, sseRetry, sseTokenCookie, maxBodyBytes);
        }
    }
}
