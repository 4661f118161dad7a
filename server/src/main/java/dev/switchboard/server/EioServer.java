package dev.switchboard.server;

import dev.switchboard.protocol.eio.EioCodec;
import dev.switchboard.protocol.eio.EioPacket;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Engine.IO v4 endpoint: the handshake, long-polling GETs and POSTs, WebSocket connections and
 * upgrades, and the error answers (codes 0 to 5). Runs on the event loop; packet handling happens on
 * each session's mailbox.
 */
final class EioServer {
    private final NettyServer server;
    private final SocketIoOptions options;
    private final ConcurrentHashMap<String, EioSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger goodbyesInFlight = new AtomicInteger();

    EioServer(NettyServer server) {
        this.server = server;
        this.options = server.options().socketIo();
    }

    NettyServer server() {
        return server;
    }

    SocketIoOptions options() {
        return options;
    }

    int sessionCount() {
        return sessions.size();
    }

    boolean matches(String path) {
        return options.enabled() && (path.startsWith(options.path())
                || path.equals(options.path().substring(0, options.path().length() - 1)));
    }

    void remove(EioSession session) {
        sessions.remove(session.sid, session);
    }

    /**
     * Forgets {@code session} now (a later request for it is answered "Session ID unknown"), while a
     * closing server still waits for {@code goodbye}, its close packet or closed WebSocket, to leave:
     * a stopping event loop closes its channels before it runs what is queued for them.
     */
    void removeOnceSent(EioSession session, ChannelFuture goodbye) {
        remove(session);
        goodbyesInFlight.incrementAndGet();
        goodbye.addListener(f -> goodbyesInFlight.decrementAndGet());
    }

    void closeAll(String reason) {
        for (EioSession session : sessions.values()) {
            session.close(reason);
        }
    }

    /** Waits, up to {@code deadline} ({@link System#nanoTime()}), until every session has ended and said goodbye. */
    void awaitNoSessions(long deadline) {
        // Sessions end on their event loops; a short poll keeps this off those loops and needs no signal.
        while ((!sessions.isEmpty() || goodbyesInFlight.get() > 0) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri, boolean upgrade) {
        if (req.method().equals(HttpMethod.OPTIONS)) {
            EioHttp.preflight(ctx, req, options);
            return;
        }
        if (!"4".equals(param(uri, "EIO"))) {
            EioHttp.error(ctx, req, options, 5);
            return;
        }
        String transport = param(uri, "transport");
        boolean websocket = "websocket".equals(transport);
        if (!(websocket && options.allowWebSocket()) && !("polling".equals(transport) && options.allowPolling())) {
            EioHttp.error(ctx, req, options, 0);
            return;
        }
        String sid = param(uri, "sid");
        if (sid == null && server.isClosing()) {
            EioHttp.status(ctx, req, options, HttpResponseStatus.SERVICE_UNAVAILABLE, "Server is shutting down"); // shutting down: the client retries elsewhere or later
            return;
        }
        if (websocket != upgrade) {
            EioHttp.error(ctx, req, options, 3);
            return;
        }
        if (websocket) {
            webSocket(ctx, req, uri, sid);
        } else if (sid == null) {
            handshakePolling(ctx, req, uri);
        } else {
            poll(ctx, req, sid);
        }
    }

    private static String param(QueryStringDecoder uri, String name) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private EioSession newSession(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri) {
        HandshakeRequest request = HttpHandler.handshakeRequest(ctx, req, uri);
        EioSession session = new EioSession(this, EioCodec.newSessionId(), ctx.channel().eventLoop(), request);
        sessions.put(session.sid, session);
        return session;
    }

    private String openPacket(EioSession session, List<String> upgrades) {
        return EioCodec.openPacket(session.sid, upgrades, options.pingInterval().toMillis(),
                options.pingTimeout().toMillis(), options.maxHttpBufferSize());
    }

    private void handshakePolling(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri) {
        if (!req.method().equals(HttpMethod.GET)) {
            EioHttp.error(ctx, req, options, 2);
            return;
        }
        EioSession session = newSession(ctx, req, uri);
        List<String> upgrades = options.allowUpgrades() && options.allowWebSocket() ? List.of("websocket") : List.of();
        byte[] body = openPacket(session, upgrades).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                io.netty.buffer.Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && (options.corsOrigins().contains("*") || options.corsOrigins().contains(origin))) {
            res.headers().set("Access-Control-Allow-Origin", origin);
            if (options.corsCredentials()) {
                res.headers().set("Access-Control-Allow-Credentials", "true");
            }
        }
        if (!options.cookie().isEmpty()) {
            res.headers().set(HttpHeaderNames.SET_COOKIE, options.cookie() + "=" + session.sid + "; Path=/; HttpOnly; SameSite=Lax");
        }
        HttpUtil.setContentLength(res, body.length);
        ctx.writeAndFlush(res);
        session.startHeartbeat();
        session.sio.start();
    }

    private void poll(ChannelHandlerContext ctx, FullHttpRequest req, String sid) {
        EioSession session = sessions.get(sid);
        if (session == null) {
            EioHttp.error(ctx, req, options, 1);
            return;
        }
        if (session.isWebSocket()) {
            EioHttp.error(ctx, req, options, 3); // upgraded: polling is over for this session
            return;
        }
        if (req.method().equals(HttpMethod.GET)) {
            session.onPollGet(ctx, req);
        } else if (req.method().equals(HttpMethod.POST)) {
            post(ctx, req, session);
        } else {
            EioHttp.error(ctx, req, options, 3);
        }
    }

    private void post(ChannelHandlerContext ctx, FullHttpRequest req, EioSession session) {
        if (req.content().readableBytes() > options.maxHttpBufferSize()) {
            EioHttp.status(ctx, req, options, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "payload too large");
            session.close("transport error");
            return;
        }
        String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (type.startsWith("application/octet-stream")) {
            EioHttp.error(ctx, req, options, 3); // v4 clients send binary as base64 text
            session.close("transport error");
            return;
        }
        if (!session.beginPost()) {
            EioHttp.error(ctx, req, options, 3);
            session.close("transport error");
            return;
        }
        List<EioPacket> packets;
        try {
            packets = EioCodec.decodePayload(req.content().toString(StandardCharsets.UTF_8),
                    options.maxPacketsPerPayload());
            for (EioPacket packet : packets) {
                session.receive(packet);
            }
        } catch (RuntimeException malformed) {
            packets = null;
        } finally {
            // before answering: a client sends its next POST as soon as it has the answer, maybe
            // on another connection and event loop, and must not be taken for an overlapping one
            session.endPost();
        }
        if (packets == null) {
            EioHttp.error(ctx, req, options, 3);
            session.close("parse error");
            return;
        }
        EioHttp.respondOk(ctx, req, options);
    }

    private void webSocket(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri, String sid) {
        EioSession found = null;
        if (sid != null) {
            found = sessions.get(sid);
            if (found == null) {
                EioHttp.error(ctx, req, options, 1);
                return;
            }
            if (found.isWebSocket() || !options.allowUpgrades()) {
                EioHttp.error(ctx, req, options, 3);
                return;
            }
        }
        String location = "ws://" + req.headers().get(HttpHeaderNames.HOST, "localhost") + uri.path();
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(options.maxHttpBufferSize()).allowExtensions(false)
                .closeOnProtocolViolation(true).build();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(location, null, decoder).newHandshaker(req);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        EioSession existing = found;
        EioSession session = existing != null ? existing : newSession(ctx, req, uri);
        if (existing != null && !session.startUpgrade(ctx.channel())) {
            EioHttp.error(ctx, req, options, 3);
            return;
        }
        if (existing == null) {
            session.attachWebSocket(ctx.channel());
        }
        handshaker.handshake(ctx.channel(), req).addListener(f -> {
            if (!f.isSuccess()) {
                ctx.close();
            } else if (existing == null) {
                session.send(openPacket(session, List.of()));
                session.startHeartbeat();
                session.sio.start();
            }
        });
        // Replies written from virtual threads each ask for a flush: consolidated, a burst leaves in one writev.
        ctx.pipeline().addAfter(ctx.name(), "flush-consolidation", new FlushConsolidationHandler(256, true));
        ctx.pipeline().addAfter(ctx.name(), "eio", new EioWsHandler(session, existing != null));
        ctx.pipeline().addAfter(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(options.maxHttpBufferSize()));
        ctx.pipeline().addAfter(ctx.name(), "ws-utf8", new io.netty.handler.codec.http.websocketx.Utf8FrameValidator(true));
        ctx.pipeline().remove(ctx.handler());
    }

    static boolean isUpgrade(FullHttpRequest req) {
        return req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }
}
