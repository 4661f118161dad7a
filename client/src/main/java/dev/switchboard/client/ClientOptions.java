package dev.switchboard.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Everything a {@link SwitchboardClient} is configured with; immutable and thread-safe. Build with
 * {@link #builder()}; defaults are SocketCluster client 20's.
 * <pre>{@code
 * ClientOptions options = ClientOptions.builder()
 *         .host("chat.example.com").port(443).secure(true)        // wss://chat.example.com/socketcluster/
 *         .query("room", "lobby")
 *         .header("Authorization", "Bearer ...")
 *         .ackTimeout(Duration.ofSeconds(5))
 *         .reconnectOptions(ReconnectOptions.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30)))
 *         .build();
 * }</pre>
 *
 * @param uri                      the WebSocket URI, {@code ws[s]://host:port/socketcluster/[?query]}; the
 *                                 path is matched exactly by servers, trailing slash included
 * @param headers                  extra HTTP headers of the WebSocket upgrade request
 * @param ackTimeout               how long {@code invoke} waits for a reply, and how long a call made while
 *                                 not connected may wait in the outbound buffer (default 10 s)
 * @param connectTimeout           limit for opening the WebSocket, and the ping timeout until the
 *                                 handshake completes (default 20 s)
 * @param autoConnect              connect on {@code create} (default true)
 * @param autoReconnect            reconnect after a lost connection (default true), see {@link ReconnectOptions}
 * @param reconnectOptions         the backoff of automatic reconnection
 * @param autoSubscribeOnConnect   (re)send pending subscriptions right after each handshake (default true);
 *                                 when false, call {@link SwitchboardClient#processPendingSubscriptions()}
 * @param batchOnHandshake         batch outbound messages for {@code batchOnHandshakeDuration} after each
 *                                 handshake (default false)
 * @param batchOnHandshakeDuration how long to batch after the handshake (default 100 ms)
 * @param batchInterval            flush period while batching (default 50 ms)
 * @param protocolVersion          2 (pings are empty frames, the default) or 1 (pings {@code #1}, pongs {@code #2})
 * @param sslContext               TLS context for {@code wss} (default: the JVM's default context); clients
 *                                 with the same context share one {@code HttpClient}, kept for the JVM's lifetime
 * @param authTokenStore           where the JWT is kept between connections; empty = a new in-memory store
 *                                 for each client
 * @param authTokenName            the key of the token in the store (default
 *                                 {@code socketcluster.authToken.<host>:<port>})
 * @param channelPrefix            prepended to every channel name on the wire and stripped from inbound ones
 * @param pingTimeoutDisabled      never close a connection for lack of server pings (default false)
 * @param outboundQueueLimit       the most calls that may wait in the outbound buffer while not connected,
 *                                 and the most frames that may wait in one connection's send queue
 *                                 (default 10,000); a call beyond it fails with
 *                                 {@link OutboundOverflowException}, nothing is dropped silently
 */
public record ClientOptions(URI uri, Map<String, List<String>> headers, Duration ackTimeout, Duration connectTimeout,
        boolean autoConnect, boolean autoReconnect, ReconnectOptions reconnectOptions, boolean autoSubscribeOnConnect,
        boolean batchOnHandshake, Duration batchOnHandshakeDuration, Duration batchInterval, int protocolVersion,
        Optional<SSLContext> sslContext, Optional<AuthTokenStore> authTokenStore, String authTokenName,
        Optional<String> channelPrefix, boolean pingTimeoutDisabled, int outboundQueueLimit) {

    /** SocketCluster's default path; servers compare it exactly, trailing slash included. */
    public static final String DEFAULT_PATH = "/socketcluster/";
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_OUTBOUND_QUEUE_LIMIT = 10_000;

    /**
     * @throws IllegalArgumentException on an invalid value: a URI that is not {@code ws}/{@code wss} with a
     *                                  host, non-positive timeouts, protocol version other than 1 or 2,
     *                                  headers the WebSocket upgrade sets itself, a queue limit below 1
     * @throws NullPointerException     on null components
     */
    public ClientOptions {
        OptionChecks.checkUri(uri);
        headers = OptionChecks.checkedHeaders(headers);
        OptionChecks.checkDuration("ackTimeout", ackTimeout, false);
        OptionChecks.checkDuration("connectTimeout", connectTimeout, false);
        Objects.requireNonNull(reconnectOptions, "reconnectOptions");
        OptionChecks.checkDuration("batchOnHandshakeDuration", batchOnHandshakeDuration, false);
        OptionChecks.checkDuration("batchInterval", batchInterval, false);
        if (protocolVersion != 1 && protocolVersion != 2) {
            throw new IllegalArgumentException("protocolVersion must be 1 or 2, got " + protocolVersion);
        }
        Objects.requireNonNull(sslContext, "sslContext");
        Objects.requireNonNull(authTokenStore, "authTokenStore");
        Objects.requireNonNull(authTokenName, "authTokenName");
        if (authTokenName.isEmpty()) {
            throw new IllegalArgumentException("authTokenName must not be empty");
        }
        Objects.requireNonNull(channelPrefix, "channelPrefix");
        if (outboundQueueLimit < 1) {
            throw new IllegalArgumentException("outboundQueueLimit must be >= 1, got " + outboundQueueLimit);
        }
    }

    /** A builder with SocketCluster's defaults, for {@code ws://localhost:80/socketcluster/}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Defaults for {@code uri}; an empty path becomes {@value #DEFAULT_PATH}. */
    public static ClientOptions of(URI uri) {
        return builder().uri(uri).build();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.uri = uri;
        headers.forEach((name, values) -> b.headers.put(name, new ArrayList<>(values)));
        b.ackTimeout = ackTimeout;
        b.connectTimeout = connectTimeout;
        b.autoConnect = autoConnect;
        b.autoReconnect = autoReconnect;
        b.reconnectOptions = reconnectOptions;
        b.autoSubscribeOnConnect = autoSubscribeOnConnect;
        b.batchOnHandshake = batchOnHandshake;
        b.batchOnHandshakeDuration = batchOnHandshakeDuration;
        b.batchInterval = batchInterval;
        b.protocolVersion = protocolVersion;
        b.sslContext = sslContext.orElse(null);
        b.authTokenStore = authTokenStore.orElse(null);
        b.authTokenName = authTokenName;
        b.channelPrefix = channelPrefix.orElse(null);
        b.pingTimeoutDisabled = pingTimeoutDisabled;
        b.outboundQueueLimit = outboundQueueLimit;
        return b;
    }

    /** Whether the connection uses TLS ({@code wss}). */
    public boolean secure() {
        return uri.getScheme().equalsIgnoreCase("wss");
    }

    /** The port, with the scheme's default when the URI has none. */
    public int port() {
        return uri.getPort() != -1 ? uri.getPort() : secure() ? 443 : 80;
    }

    /**
     * Mutable builder; not thread-safe. Either {@link #uri(URI)} or the parts ({@link #host}, {@link #port},
     * {@link #secure}, {@link #path}), not both. Query parameters are appended to either.
     */
    public static final class Builder {
        private URI uri;
        private String host;
        private Integer port;
        private boolean secure;
        private String path;
        private final List<Map.Entry<String, String>> query = new ArrayList<>();
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private Duration ackTimeout = DEFAULT_ACK_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private boolean autoConnect = true;
        private boolean autoReconnect = true;
        private ReconnectOptions reconnectOptions = ReconnectOptions.DEFAULTS;
        private boolean autoSubscribeOnConnect = true;
        private boolean batchOnHandshake;
        private Duration batchOnHandshakeDuration = Duration.ofMillis(100);
        private Duration batchInterval = Duration.ofMillis(50);
        private int protocolVersion = 2;
        private SSLContext sslContext;
        private AuthTokenStore authTokenStore;
        private String authTokenName;
        private String channelPrefix;
        private boolean pingTimeoutDisabled;
        private int outboundQueueLimit = DEFAULT_OUTBOUND_QUEUE_LIMIT;

        private Builder() {
        }

        /** The full WebSocket URI; an empty path becomes {@value #DEFAULT_PATH}. */
        public Builder uri(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /** As {@link #uri(URI)}. */
        public Builder uri(String uri) {
            return uri(URI.create(uri));
        }

        /** Host name or address (default {@code localhost}). */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port (default 80, or 443 when secure). */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be in 1..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** {@code wss} instead of {@code ws}. */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /** The server's path (default {@value #DEFAULT_PATH}); must start with '/'. */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + path);
            }
            this.path = path;
            return this;
        }

        /** Appends a query parameter (form-encoded), as SocketCluster's {@code query} option. */
        public Builder query(String name, String value) {
            query.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
            return this;
        }

        /** Adds an HTTP header to the upgrade request; repeated names add values. */
        public Builder header(String name, String value) {
            OptionChecks.checkHeaderName(name);
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Reply limit of invokes, and buffer limit of calls made while not connected (default 10 s). */
        public Builder ackTimeout(Duration ackTimeout) {
            this.ackTimeout = ackTimeout;
            return this;
        }

        /** Limit for opening the WebSocket; ping timeout until the handshake (default 20 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Connect on {@code create} (default true). */
        public Builder autoConnect(boolean autoConnect) {
            this.autoConnect = autoConnect;
            return this;
        }

        /** Reconnect after a lost connection (default true). */
        public Builder autoReconnect(boolean autoReconnect) {
            this.autoReconnect = autoReconnect;
            return this;
        }

        /** The reconnection backoff (default {@link ReconnectOptions#DEFAULTS}). */
        public Builder reconnectOptions(ReconnectOptions reconnectOptions) {
            this.reconnectOptions = Objects.requireNonNull(reconnectOptions, "reconnectOptions");
            return this;
        }

        /** Resubscribe pending channels right after each handshake (default true). */
        public Builder autoSubscribeOnConnect(boolean autoSubscribeOnConnect) {
            this.autoSubscribeOnConnect = autoSubscribeOnConnect;
            return this;
        }

        /** Batch outbound messages for a while after each handshake (default false). */
        public Builder batchOnHandshake(boolean batchOnHandshake) {
            this.batchOnHandshake = batchOnHandshake;
            return this;
        }

        /** How long {@link #batchOnHandshake} batches (default 100 ms). */
        public Builder batchOnHandshakeDuration(Duration duration) {
            this.batchOnHandshakeDuration = duration;
            return this;
        }

        /** Flush period while batching (default 50 ms). */
        public Builder batchInterval(Duration batchInterval) {
            this.batchInterval = batchInterval;
            return this;
        }

        /** 2 (default) or 1 for SocketCluster 14 and older servers. */
        public Builder protocolVersion(int protocolVersion) {
            this.protocolVersion = protocolVersion;
            return this;
        }

        /** The TLS context for {@code wss} (default: the JVM default). */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /** Where the JWT is kept (default: in memory, per client). */
        public Builder authTokenStore(AuthTokenStore store) {
            this.authTokenStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The token's key in the store (default {@code socketcluster.authToken.<host>:<port>}). */
        public Builder authTokenName(String name) {
            this.authTokenName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** A prefix added to channel names on the wire. */
        public Builder channelPrefix(String prefix) {
            this.channelPrefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** Never close for lack of server pings (default false). */
        public Builder pingTimeoutDisabled(boolean disabled) {
            this.pingTimeoutDisabled = disabled;
            return this;
        }

        /** Most calls waiting to be sent (default 10,000); see {@link ClientOptions#outboundQueueLimit()}. */
        public Builder outboundQueueLimit(int limit) {
            this.outboundQueueLimit = limit;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException if a value is invalid, or both a URI and host/port/secure/path were set
         */
        public ClientOptions build() {
            URI base = ClientUris.build(uri, host, port, secure, path, query);
            String tokenName = authTokenName == null ? ClientUris.defaultTokenName(base) : authTokenName;
            return new ClientOptions(base, headers, ackTimeout, connectTimeout, autoConnect, autoReconnect,
                    reconnectOptions, autoSubscribeOnConnect, batchOnHandshake, batchOnHandshakeDuration, batchInterval,
                    protocolVersion, Optional.ofNullable(sslContext), Optional.ofNullable(authTokenStore), tokenName,
                    Optional.ofNullable(channelPrefix), pingTimeoutDisabled, outboundQueueLimit);
        }
    }
}
