package dev.switchboard.client;

import static dev.switchboard.client.CloseCodes.STATUS_TEXT;
import static dev.switchboard.client.FailureText.abbreviate;
import static dev.switchboard.client.FailureText.describe;
import static dev.switchboard.client.FailureText.unwrap;

import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * Package-internal: opens the WebSocket of a new {@link Connection}: loads the stored token, upgrades
 * within the connect timeout (4007 otherwise), and on open starts the ping timer and the handshake.
 * Clients with the same TLS context share one {@link HttpClient}, kept for the JVM's lifetime.
 */
final class ConnectionOpener {
    private static final HttpClient DEFAULT_HTTP = newHttpClient(null);
    private static final ConcurrentHashMap<SSLContext, HttpClient> TLS_HTTP = new ConcurrentHashMap<>();

    private final ClientCore core;
    private final ClientOptions options;
    private final HttpClient http;

    ConnectionOpener(ClientCore core) {
        this.core = core;
        this.options = core.options;
        this.http = options.sslContext().map(ctx -> TLS_HTTP.computeIfAbsent(ctx, ConnectionOpener::newHttpClient))
                .orElse(DEFAULT_HTTP);
    }

    private static HttpClient newHttpClient(SSLContext ssl) {
        HttpClient.Builder b = HttpClient.newBuilder().executor(ClientThreads.VIRTUAL);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        return b.build();
    }

    /** Starts the connect timer and opens {@code conn} after the store calls made before. Under the lock. */
    void start(Connection conn) {
        conn.connectTimer = ClientThreads.schedule(() -> onConnectTimeout(conn), options.connectTimeout().toMillis());
        core.tokens.execute(() -> open(conn));
    }

    private void open(Connection conn) {
        Optional<String> token = core.tokens.load();
        core.lock.lock();
        try {
            if (conn.closed) {
                return;
            }
            conn.handshakeToken = token;
        } finally {
            core.lock.unlock();
        }
        try {
            // The JDK's own limit is a little longer, so the client's 4007 timer decides (as in SocketCluster)
            // and the JDK then releases a TCP connect still in progress.
            WebSocket.Builder builder = http.newWebSocketBuilder()
                    .connectTimeout(options.connectTimeout().plusSeconds(1));
            options.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
            builder.buildAsync(options.uri(), conn).whenComplete((ws, error) -> {
                if (error != null) {
                    onOpenFailed(conn, unwrap(error));
                } else {
                    boolean stale;
                    core.lock.lock();
                    try {
                        stale = conn.closed;
                    } finally {
                        core.lock.unlock();
                    }
                    if (stale) {
                        ws.abort();
                    }
                }
            });
        } catch (RuntimeException e) {
            onOpenFailed(conn, e);
        }
    }

    /** The WebSocket is open: start the ping timer and send {@code #handshake}. */
    void onOpen(Connection conn, WebSocket ws) {
        core.lock.lock();
        try {
            conn.ws = ws;
            if (conn.closed || conn != core.connection) {
                ws.abort();
                return;
            }
            ClientThreads.cancel(conn.connectTimer);
            conn.connectTimer = null;
            conn.attach(ws);
            core.heartbeat.resetPingTimer(conn);
            core.handshake.send(conn);
        } finally {
            core.lock.unlock();
        }
    }

    private void onOpenFailed(Connection conn, Throwable cause) {
        String what;
        if (cause instanceof WebSocketHandshakeException refused) {
            var response = refused.getResponse();
            Object body = response.body();
            String text = body instanceof String s ? s
                    : body instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : "";
            what = "the WebSocket upgrade was refused with HTTP " + response.statusCode()
                    + (text.isBlank() ? "" : " (" + abbreviate(text.strip(), 200) + ")");
        } else if (cause instanceof HttpConnectTimeoutException) {
            what = "connection timed out after " + options.connectTimeout().toMillis() + " ms (" + describe(cause) + ")";
        } else {
            what = describe(cause);
        }
        String message = "Could not connect to " + options.uri() + ": " + what;
        core.lock.lock();
        try {
            core.lifecycle.destroy(conn, 1006, what, new SocketProtocolException(message, 1006, what, cause));
        } finally {
            core.lock.unlock();
        }
    }

    private void onConnectTimeout(Connection conn) {
        core.lock.lock();
        try {
            if (conn.closed || conn != core.connection || conn.ws != null) {
                return;
            }
            String reason = STATUS_TEXT.get(4007);
            core.lifecycle.destroy(conn, 4007, reason, new SocketProtocolException("Could not connect to "
                    + options.uri() + ": no WebSocket connection within the connect timeout of "
                    + options.connectTimeout().toMillis() + " ms (code 4007)", 4007, reason));
            conn.abort();
        } finally {
            core.lock.unlock();
        }
    }
}
