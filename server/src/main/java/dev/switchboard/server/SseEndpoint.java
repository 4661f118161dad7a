package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.server.auth.AuthTokenException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Server-Sent Events at {@code GET /sse?channel=a&channel=b}: each publication on those channels is one
 * event named after its channel (so {@code EventSource.addEventListener("a", ...)} receives channel
 * {@code a}), with the channel's broker offset as its {@code id} and the JSON data as {@code data}.
 *
 * <h2>Admission</h2>
 * On the event loop: GET only (405), at most {@link ServerOptions#socketChannelLimit()} channels whose
 * names hold no line break and are not reserved (400), the {@code Origin} allowlist (403). Then on a
 * virtual thread, exactly as for a SocketCluster socket: the JWT is verified with the server's auth
 * engine (bad or expired: 401); the {@code HANDSHAKE} middleware sees an {@link ActionType#HANDSHAKE_WS}
 * action for the request (blocked: 401); a verified token passes the {@link ActionType#AUTHENTICATE}
 * action (blocked: 401); each channel passes the {@link ActionType#SUBSCRIBE} action (blocked: 403 with
 * the block error's {@code name}). These actions have no socket: {@link Action#socket()} is empty and
 * {@link Action#request()} is the SSE request. Delivered publications pass {@link
 * ActionType#PUBLISH_OUT} like a socket's. Error bodies are JSON.
 *
 * <h2>Token</h2>
 * The JWT comes from {@code Authorization: Bearer <jwt>}, else the cookie {@link
 * HttpApiOptions#sseTokenCookie()}, else the {@code token} query parameter ({@code EventSource} cannot
 * set headers). Query strings end up in proxy and access logs: prefer the cookie in browsers. Without a
 * token the stream is anonymous and the middleware decides, as for sockets.
 *
 * <h2>CORS</h2>
 * With an empty origin allowlist, responses carry {@code Access-Control-Allow-Origin: *} (no cookies
 * cross-origin); with a list, an allowed origin is echoed with {@code Access-Control-Allow-Credentials}.
 */
final class SseEndpoint {
    /** The verified token of a stream, if any. */
    record Auth(Optional<Map<String, Object>> claims, Optional<String> token) {
        static final Auth NONE = new Auth(Optional.empty(), Optional.empty());
    }

    private final NettyServer server;
    private final Set<SseStream> streams = ConcurrentHashMap.newKeySet();
    private final LongAdder slowConsumers = new LongAdder();

    SseEndpoint(NettyServer server) {
        this.server = server;
    }

    int streamCount() {
        return streams.size();
    }

    long slowConsumerDisconnects() {
        return slowConsumers.sum();
    }

    void countSlowConsumer() {
        slowConsumers.increment();
        server.metricsCounters().sseSlowConsumer();
    }

    void remove(SseStream stream) {
        streams.remove(stream);
    }

    /** Ends every stream (after what is queued); for shutdown. */
    void closeAll(String reason) {
        for (SseStream stream : streams) {
            stream.end(reason);
        }
    }

    /** On the event loop, for a request at the SSE path. */
    void open(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.method().equals(HttpMethod.GET)) {
            HttpApiResponses.error(ctx.channel(), HttpResponseStatus.METHOD_NOT_ALLOWED, "SSE streams are opened with GET",
                    Map.of(), Map.of("Allow", "GET"), keepAlive);
            return;
        }
        if (server.isDraining()) {
            HttpApiResponses.error(ctx.channel(), HttpResponseStatus.SERVICE_UNAVAILABLE, "Server is shutting down", false);
            return;
        }
        String invalid = invalidChannels(uri.parameters().getOrDefault("channel", List.of()));
        if (invalid != null) {
            HttpApiResponses.error(ctx.channel(), HttpResponseStatus.BAD_REQUEST, invalid, keepAlive);
            return;
        }
        Optional<String> origin = Optional.ofNullable(req.headers().get(HttpHeaderNames.ORIGIN));
        if (!Origins.allowed(server.options().origins(), origin)) {
            HttpApiResponses.error(ctx.channel(), HttpResponseStatus.FORBIDDEN, "Origin not allowed: " + origin.get(),
                    keepAlive);
            return;
        }
        List<String> channels = List.copyOf(new LinkedHashSet<>(uri.parameters().get("channel")));
        Optional<String> token = token(req, uri);
        SseStream stream = new SseStream(server, this, ctx.channel(), channels,
                HttpHandler.handshakeRequest(ctx, req, uri), cors(origin));
        ctx.pipeline().replace(ctx.handler(), "switchboard-sse", stream);
        streams.add(stream);
        try {
            server.virtualThreads().execute(() -> admit(stream, token));
        } catch (RejectedExecutionException e) {
            stream.reject(HttpResponseStatus.SERVICE_UNAVAILABLE, "Server is shutting down", Map.of());
        }
    }

    private String invalidChannels(List<String> channels) {
        if (channels.isEmpty()) {
            return "Name at least one channel: " + HttpApiOptions.SSE_PATH + "?channel=a&channel=b";
        }
        int limit = server.options().socketChannelLimit();
        if (channels.size() > limit) {
            return "A stream may subscribe to at most " + limit + " channels";
        }
        for (String channel : channels) {
            if (!SseEvents.validName(channel)) {
                return "Channel names must be non-empty and hold no line break";
            }
            if (Subscriptions.reserved(channel)) {
                return "Channel " + channel + " is reserved for Socket.IO rooms";
            }
        }
        return null;
    }

    private Optional<String> token(FullHttpRequest req, QueryStringDecoder uri) {
        String authorization = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        String cookies = req.headers().get(HttpHeaderNames.COOKIE);
        if (cookies != null) {
            String name = server.options().httpApi().sseTokenCookie();
            for (Cookie cookie : ServerCookieDecoder.LAX.decode(cookies)) {
                if (cookie.name().equals(name) && !cookie.value().isEmpty()) {
                    return Optional.of(cookie.value());
                }
            }
        }
        List<String> query = uri.parameters().get("token");
        return query == null || query.isEmpty() || query.get(0).isEmpty() ? Optional.empty() : Optional.of(query.get(0));
    }

    private Map<String, String> cors(Optional<String> origin) {
        if (origin.isEmpty()) {
            return Map.of();
        }
        if (server.options().origins().isEmpty()) {
            return Map.of("Access-Control-Allow-Origin", "*");
        }
        return Map.of("Access-Control-Allow-Origin", origin.get(), "Access-Control-Allow-Credentials", "true",
                "Vary", "Origin");
    }

    /** On a virtual thread: token, middleware, subscriptions, then the stream starts. */
    private void admit(SseStream stream, Optional<String> token) {
        Map<String, Object> claims = null;
        if (token.isPresent()) {
            try {
                claims = server.authFlow().engine().verify(token.get());
            } catch (AuthTokenException e) {
                stream.reject(HttpResponseStatus.UNAUTHORIZED, e.getMessage(), Map.of("name", e.name()));
                return;
            }
        }
        Auth auth = claims == null ? Auth.NONE : new Auth(Optional.of(claims), token);
        if (server.middlewares().has(MiddlewareType.HANDSHAKE)) {
            ScAction action = run(ActionType.HANDSHAKE_WS, stream, auth, Optional.empty(), Payload.none());
            if (blocked(stream, action, HttpResponseStatus.UNAUTHORIZED, Map.of())) {
                return;
            }
        }
        if (claims != null) {
            ScAction action = run(ActionType.AUTHENTICATE, stream, auth, Optional.empty(), Payload.of(token.get()));
            if (blocked(stream, action, HttpResponseStatus.UNAUTHORIZED, Map.of())) {
                return;
            }
        }
        for (String channel : stream.channels()) {
            ScAction action = run(ActionType.SUBSCRIBE, stream, auth, Optional.of(channel), Payload.none());
            if (blocked(stream, action, HttpResponseStatus.FORBIDDEN, Map.of("channel", channel))) {
                return;
            }
        }
        stream.setAuth(auth);
        if (stream.subscribeAll() && !stream.start()) {
            stream.reject(HttpResponseStatus.SERVICE_UNAVAILABLE, "Server is shutting down", Map.of());
        }
    }

    private ScAction run(ActionType type, SseStream stream, Auth auth, Optional<String> channel, Payload data) {
        return server.middlewares().run(new ScAction(type, Optional.empty(), stream.request(), Optional.empty(),
                channel, data, auth.claims(), auth.token(), Optional.empty()));
    }

    private boolean blocked(SseStream stream, ScAction action, HttpResponseStatus status, Map<String, Object> extra) {
        if (action.isAllowed()) {
            return false;
        }
        RemoteException error = action.blockError();
        server.warn(Optional.empty(), error);
        Map<String, Object> fields = new LinkedHashMap<>(extra);
        fields.put("name", error.name());
        stream.reject(status, error.getMessage(), fields);
        return true;
    }
}
