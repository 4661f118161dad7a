package dev.switchboard.server;

import dev.switchboard.core.spi.Broker;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Immutable server configuration. Build with {@link #builder()}; every setting has SocketCluster's
 * default unless noted, and the constructor rejects invalid combinations.
 *
 * @param host                 address to bind; default {@code 0.0.0.0}
 * @param port                 port to bind; 0 picks a free one; default 8000
 * @param path                 the SocketCluster endpoint, matched exactly; default {@code /socketcluster/}
 * @param protocolVersion      2 (pings are empty text frames) or 1 ({@code #1}/{@code #2})
 * @param pingInterval         how often the server pings; default 8 s
 * @param pingTimeout          how long a client may stay silent; default 30 s; sent in the handshake
 * @param pingTimeoutDisabled  never close silent clients
 * @param handshakeTimeout     how long a client may take to send {@code #handshake}; default 10 s
 * @param ackTimeout           default timeout of server-to-client invokes; default 10 s
 * @param origins              allowed {@code Origin} values ({@code scheme://host[:port]}, or {@code *});
 *                             empty allows every origin, like SocketCluster's {@code *:*}
 * @param maxPayload           largest inbound message in bytes; bigger closes with 1009; default 1 MiB
 * @param outboundBufferLimit  bytes a socket may have queued outbound before it is disconnected as a
 *                             slow consumer ({@link CloseCodes#SLOW_CONSUMER}); default 1 MiB
 * @param allowClientPublish   whether clients may {@code #publish}
 * @param socketChannelLimit   most channels one socket may join; default 1000 (the figure SocketCluster
 *                             documents), so a subscription flood cannot grow memory without bound
 * @param strictHandshake      close sockets that send anything before {@code #handshake} (4009)
 * @param streamCleanupMode    what happens to a closed socket's streams
 * @param batchOnHandshake     send outbound packets as JSON-array batches for a while after each handshake
 * @param batchOnHandshakeDuration how long that lasts; default 400 ms
 * @param batchInterval        how often a batching socket flushes; default 50 ms
 * @param auth                 JWT settings; default HS256 with a random key (tokens die on restart)
 * @param socketIo             the Socket.IO endpoint at {@code /socket.io/}
 * @param broker               carries publications between nodes; when empty, each server creates its
 *                             own in-memory broker. The server owns the broker and closes it on close.
 * @param httpApi              Server-Sent Events, the publish API and the probes; see {@link HttpApiOptions}
 */
public record ServerOptions(String host, int port, String path, int protocolVersion, Duration pingInterval,
        Duration pingTimeout, boolean pingTimeoutDisabled, Duration handshakeTimeout, Duration ackTimeout,
        List<String> origins, int maxPayload, int outboundBufferLimit, boolean allowClientPublish,
        int socketChannelLimit, boolean strictHandshake, StreamCleanupMode streamCleanupMode,
        boolean batchOnHandshake, Duration batchOnHandshakeDuration, Duration batchInterval,
        dev.switchboard.server.auth.AuthOptions auth, java.util.Optional<Broker> broker, SocketIoOptions socketIo,
        HttpApiOptions httpApi) {

    public static final int DEFAULT_PORT = 8000;
    public static final String DEFAULT_PATH = "/socketcluster/";
    public static final int DEFAULT_MAX_PAYLOAD = 1 << 20;
    public static final int DEFAULT_OUTBOUND_BUFFER_LIMIT = 1 << 20;

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pingTimeout, "pingTimeout");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        Objects.requireNonNull(streamCleanupMode, "streamCleanupMode");
        Objects.requireNonNull(batchOnHandshakeDuration, "batchOnHandshakeDuration");
        Objects.requireNonNull(batchInterval, "batchInterval");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(socketIo, "socketIo");
        Objects.requireNonNull(httpApi, "httpApi");
        origins = List.copyOf(origins);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        if (protocolVersion != 1 && protocolVersion != 2) {
            throw new IllegalArgumentException("protocolVersion must be 1 or 2: " + protocolVersion);
        }
        positive("pingInterval", pingInterval);
        positive("pingTimeout", pingTimeout);
        positive("handshakeTimeout", handshakeTimeout);
        positive("ackTimeout", ackTimeout);
        positive("batchOnHandshakeDuration", batchOnHandshakeDuration);
        positive("batchInterval", batchInterval);
        if (maxPayload < 64) {
            throw new IllegalArgumentException("maxPayload must be at least 64 bytes: " + maxPayload);
        }
        if (outboundBufferLimit < 1024) {
            throw new IllegalArgumentException("outboundBufferLimit must be at least 1024 bytes: " + outboundBufferLimit);
        }
        if (socketChannelLimit < 1) {
            throw new IllegalArgumentException("socketChannelLimit must be positive: " + socketChannelLimit);
        }
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.path = path;
        b.protocolVersion = protocolVersion;
        b.pingInterval = pingInterval;
        b.pingTimeout = pingTimeout;
        b.pingTimeoutDisabled = pingTimeoutDisabled;
        b.handshakeTimeout = handshakeTimeout;
        b.ackTimeout = ackTimeout;
        b.origins = origins;
        b.maxPayload = maxPayload;
        b.outboundBufferLimit = outboundBufferLimit;
        b.allowClientPublish = allowClientPublish;
        b.socketChannelLimit = socketChannelLimit;
        b.strictHandshake = strictHandshake;
        b.streamCleanupMode = streamCleanupMode;
        b.batchOnHandshake = batchOnHandshake;
        b.batchOnHandshakeDuration = batchOnHandshakeDuration;
        b.batchInterval = batchInterval;
        b.auth = auth;
        b.broker = broker;
        b.socketIo = socketIo;
        b.httpApi = httpApi;
        return b;
    }

    /** Mutable, single-threaded builder for {@link ServerOptions}. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private String path = DEFAULT_PATH;
        private int protocolVersion = 2;
        private Duration pingInterval = Duration.ofSeconds(8);
        private Duration pingTimeout = Duration.ofSeconds(30);
        private boolean pingTimeoutDisabled;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration ackTimeout = Duration.ofSeconds(10);
        private List<String> origins = List.of();
        private int maxPayload = DEFAULT_MAX_PAYLOAD;
        private int outboundBufferLimit = DEFAULT_OUTBOUND_BUFFER_LIMIT;
        private boolean allowClientPublish = true;
        private int socketChannelLimit = 1000;
        private boolean strictHandshake = true;
        private StreamCleanupMode streamCleanupMode = StreamCleanupMode.KILL;
        private boolean batchOnHandshake;
        private Duration batchOnHandshakeDuration = Duration.ofMillis(400);
        private Duration batchInterval = Duration.ofMillis(50);
        private dev.switchboard.server.auth.AuthOptions auth;
        private java.util.Optional<Broker> broker = java.util.Optional.empty();
        private SocketIoOptions socketIo = SocketIoOptions.defaults();
        private HttpApiOptions httpApi = HttpApiOptions.defaults();

        private Builder() {}

        public Builder host(String host) { this.host = host; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder path(String path) { this.path = path; return this; }
        public Builder protocolVersion(int v) { this.protocolVersion = v; return this; }
        public Builder pingInterval(Duration d) { this.pingInterval = d; return this; }
        public Builder pingTimeout(Duration d) { this.pingTimeout = d; return this; }
        public Builder pingTimeoutDisabled(boolean b) { this.pingTimeoutDisabled = b; return this; }
        public Builder handshakeTimeout(Duration d) { this.handshakeTimeout = d; return this; }
        public Builder ackTimeout(Duration d) { this.ackTimeout = d; return this; }
        public Builder origins(List<String> origins) { this.origins = origins; return this; }
        public Builder maxPayload(int bytes) { this.maxPayload = bytes; return this; }
        public Builder outboundBufferLimit(int bytes) { this.outboundBufferLimit = bytes; return this; }
        public Builder allowClientPublish(boolean b) { this.allowClientPublish = b; return this; }
        public Builder socketChannelLimit(int limit) { this.socketChannelLimit = limit; return this; }
        public Builder strictHandshake(boolean b) { this.strictHandshake = b; return this; }
        public Builder streamCleanupMode(StreamCleanupMode m) { this.streamCleanupMode = m; return this; }
        public Builder batchOnHandshake(boolean b) { this.batchOnHandshake = b; return this; }
        public Builder batchOnHandshakeDuration(Duration d) { this.batchOnHandshakeDuration = d; return this; }
        public Builder batchInterval(Duration d) { this.batchInterval = d; return this; }
        public Builder auth(dev.switchboard.server.auth.AuthOptions auth) { this.auth = auth; return this; }
        public Builder socketIo(SocketIoOptions options) { this.socketIo = options; return this; }
        public Builder broker(Broker broker) { this.broker = java.util.Optional.of(broker); return this; }
        public Builder httpApi(HttpApiOptions options) { this.httpApi = options; return this; }

        public ServerOptions build() {
            return new ServerOptions(host, port, path, protocolVersion, pingInterval, pingTimeout,
                    pingTimeoutDisabled, handshakeTimeout, ackTimeout, origins, maxPayload, outboundBufferLimit,
                    allowClientPublish, socketChannelLimit, strictHandshake, streamCleanupMode,
                    batchOnHandshake, batchOnHandshakeDuration, batchInterval,
                    auth != null ? auth : dev.switchboard.server.auth.AuthOptions.builder().build(),
                    broker, socketIo, httpApi);
        }
    }
}
