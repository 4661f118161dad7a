package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.SwitchboardException;
import dev.switchboard.core.internal.Json;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The publish API, for back ends that are not connected as clients:
 * <ul>
 *   <li>{@code POST /api/publish {"channel": "...", "data": ...}} publishes to a SocketCluster/SSE
 *       channel, through the broker (so every node's subscribers get it);</li>
 *   <li>{@code POST /api/broadcast {"namespace": "/", "room": "r" or ["r1", ...], "except": ...,
 *       "event": "...", "data": ...}} emits to Socket.IO sockets, as {@code io.of(ns).to(room).emit}
 *       does ({@code data}, when present, is the one argument).</li>
 * </ul>
 * The caller proves itself with one of {@link HttpApiOptions#apiKeys()}, as {@code Authorization: Bearer
 * <key>} or {@code X-Api-Key: <key>}, compared in constant time. Server-side publishes skip the
 * {@code publishIn} middleware, like {@link Exchange}. Answers: 202 {@code {"ok":true}} once the broker
 * accepted the publication (for a broadcast: once it was handed to the broker), 400 malformed JSON or a
 * field of the wrong type, 401 missing or wrong key, 405 not a POST, 413 body over {@link
 * HttpApiOptions#maxBodyBytes()}, 503 broker failure or shutdown. Runs checks on the event loop and the
 * publish on a virtual thread.
 */
final class HttpApiPublish {
    private static final long BROKER_TIMEOUT_SECONDS = 10;

    /** An answer: status and JSON body. */
    private record Outcome(HttpResponseStatus status, Map<String, Object> body) {
        static Outcome error(HttpResponseStatus status, String message) {
            return new Outcome(status, HttpApiResponses.body(status, message, Map.of()));
        }
    }

    private final NettyServer server;
    private final HttpApiRouter router;
    private final List<byte[]> keys;

    HttpApiPublish(NettyServer server, HttpApiRouter router) {
        this.server = server;
        this.router = router;
        this.keys = server.options().httpApi().apiKeys().stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.method().equals(HttpMethod.POST)) {
            HttpApiResponses.error(ctx.channel(), HttpResponseStatus.METHOD_NOT_ALLOWED, path + " only accepts POST",
                    Map.of(), Map.of("Allow", "POST"), keepAlive);
            return;
        }
        if (!authorised(req)) {
            HttpApiResponses.error(ctx.channel(), HttpResponseStatus.UNAUTHORIZED,
                    "Send a valid API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'", Map.of(),
                    Map.of("WWW-Authenticate", "Bearer realm=\"switchboard\""), keepAlive);
            return;
        }
        int limit = server.options().httpApi().maxBodyBytes();
        if (req.content().readableBytes() > limit) {
            HttpApiResponses.error(ctx.channel(), HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "The request body exceeds " + limit + " bytes", false);
            return;
        }
        if (server.isDraining()) {
            HttpApiResponses.error(ctx.channel(), HttpResponseStatus.SERVICE_UNAVAILABLE, "Server is shutting down", false);
            return;
        }
        String body = req.content().toString(StandardCharsets.UTF_8);
        boolean broadcast = path.equals(HttpApiOptions.BROADCAST_PATH);
        router.serial(ctx, () -> {
            Outcome outcome = broadcast ? broadcast(body) : publish(body);
            HttpApiResponses.json(ctx.channel(), outcome.status(), outcome.body(), Map.of(), keepAlive);
        });
    }

    private boolean authorised(FullHttpRequest req) {
        String key = req.headers().get("X-Api-Key");
        String authorization = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (key == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorization.substring(7).trim();
        }
        if (key == null) {
            return false;
        }
        byte[] given = key.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] k : keys) {
            match |= MessageDigest.isEqual(k, given); // no early exit: timing does not tell which key is close
        }
        return match;
    }

    private static Object parse(String body) {
        return Json.decode(body);
    }

    private Outcome publish(String body) {
        Map<?, ?> m;
        try {
            if (!(parse(body) instanceof Map<?, ?> map)) {
                return Outcome.error(HttpResponseStatus.BAD_REQUEST, "The body must be a JSON object");
            }
            m = map;
        } catch (SwitchboardException e) {
            return Outcome.error(HttpResponseStatus.BAD_REQUEST, "The body is not valid JSON: " + e.getMessage().replaceFirst("^malformed JSON: ", ""));
        }
        if (!(m.get("channel") instanceof String channel) || channel.isEmpty()) {
            return Outcome.error(HttpResponseStatus.BAD_REQUEST, "\"channel\" must be a non-empty string");
        }
        if (Subscriptions.reserved(channel)) {
            return Outcome.error(HttpResponseStatus.BAD_REQUEST, "Channel " + channel + " is reserved for Socket.IO rooms");
        }
        Payload data = m.containsKey("data") ? Payload.ofNullable(m.get("data")) : Payload.none();
        try {
            server.hub().publish(channel, data).get(BROKER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            String why = e instanceof TimeoutException ? "the broker did not answer in time"
                    : String.valueOf(e.getCause().getMessage());
            server.warn(java.util.Optional.empty(), new SwitchboardException("HTTP publish to " + channel + " failed: " + why));
            return Outcome.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "The broker did not accept the publication: " + why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "Server is shutting down");
        }
        return new Outcome(HttpResponseStatus.ACCEPTED, Map.of("ok", true));
    }

    private Outcome broadcast(String body) {
        Map<?, ?> m;
        try {
            if (!(parse(body) instanceof Map<?, ?> map)) {
                return Outcome.error(HttpResponseStatus.BAD_REQUEST, "The body must be a JSON object");
            }
            m = map;
        } catch (SwitchboardException e) {
            return Outcome.error(HttpResponseStatus.BAD_REQUEST, "The body is not valid JSON: " + e.getMessage().replaceFirst("^malformed JSON: ", ""));
        }
        Object ns = m.containsKey("namespace") ? m.get("namespace") : "/";
        if (!(ns instanceof String namespace) || !namespace.startsWith("/")) {
            return Outcome.error(HttpResponseStatus.BAD_REQUEST, "\"namespace\" must be a string starting with '/'");
        }
        if (!(m.get("event") instanceof String event) || event.isEmpty()) {
            return Outcome.error(HttpResponseStatus.BAD_REQUEST, "\"event\" must be a non-empty string");
        }
        List<String> rooms = rooms(m.get("room"));
        List<String> except = rooms(m.get("except"));
        if (rooms == null || except == null) {
            return Outcome.error(HttpResponseStatus.BAD_REQUEST,
                    "\"room\" and \"except\" must be a string or an array of strings");
        }
        if (!server.options().socketIo().enabled()) {
            return Outcome.error(HttpResponseStatus.NOT_FOUND, "Socket.IO is disabled on this server");
        }
        BroadcastOperator target = server.socketIo().of(namespace);
        if (!rooms.isEmpty()) {
            target = target.to(rooms);
        }
        if (!except.isEmpty()) {
            target = target.except(except);
        }
        Object[] args = m.containsKey("data") ? new Object[] {m.get("data")} : new Object[0];
        try {
            target.emit(event, args);
        } catch (SwitchboardException | IllegalArgumentException e) {
            return Outcome.error(HttpResponseStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
        }
        return new Outcome(HttpResponseStatus.ACCEPTED, Map.of("ok", true));
    }

    /** A room field: absent → empty, a string or an array of strings → the list, anything else → null. */
    private static List<String> rooms(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    return null;
                }
                out.add(s);
            }
            return out;
        }
        return null;
    }
}
