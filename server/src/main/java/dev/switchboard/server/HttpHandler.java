package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.internal.Json;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first handler of every connection: routes HTTP requests, and turns a WebSocket upgrade at the
 * exact SocketCluster path into a socket after the origin check and the handshake middleware.
 */
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final NettyServer server;
    private final boolean attached;

    /** With {@code attached}, requests for other paths go on to the next handler of the user's pipeline. */
    HttpHandler(NettyServer server, boolean attached) {
        this.server = server;
        this.attached = attached;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "Malformed HTTP request");
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        boolean upgrade = req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
        if (server.eio().matches(uri.path())) {
            server.eio().handle(ctx, req, uri, upgrade);
            return;
        }
        if (!uri.path().equals(server.options().path())) {
            if (server.httpApi().route(ctx, req, uri)) {
                return; // SSE, the publish API, probes and registered routes
            }
            if (attached) {
                ctx.fireChannelRead(req.retain());
                return;
            }
            respond(ctx, upgrade ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.NOT_FOUND,
                    upgrade ? "No WebSocket endpoint at " + uri.path() : "Not found: " + uri.path());
            return;
        }
        if (!upgrade) {
            respond(ctx, HttpResponseStatus.UPGRADE_REQUIRED, "This endpoint only accepts WebSocket upgrades");
            return;
        }
        Optional<String> origin = Optional.ofNullable(req.headers().get(HttpHeaderNames.ORIGIN));
        if (!Origins.allowed(server.options().origins(), origin)) {
            respond(ctx, HttpResponseStatus.FORBIDDEN, "Origin not allowed: " + origin.orElse("(none)"));
            return;
        }
        HandshakeRequest request = handshakeRequest(ctx, req, uri);
        if (!server.middlewares().has(MiddlewareType.HANDSHAKE)) {
            upgrade(ctx, req, request);
            return;
        }
        req.retain();
        server.virtualThreads().execute(() -> {
            ScAction action = server.middlewares().run(new ScAction(ActionType.HANDSHAKE_WS, Optional.empty(), request,
                    Optional.empty(), Optional.empty(), Payload.none(), Optional.empty(), Optional.empty(),
                    Optional.empty()));
            ctx.executor().execute(() -> {
                try {
                    if (action.isAllowed()) {
                        upgrade(ctx, req, request);
                    } else {
                        RemoteException error = action.blockError();
                        server.warn(Optional.empty(), error);
                        respond(ctx, HttpResponseStatus.UNAUTHORIZED, error.getMessage());
                    }
                } finally {
                    req.release();
                }
            });
        });
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, HandshakeRequest request) {
        String location = "ws://" + req.headers().get(HttpHeaderNames.HOST, "localhost") + server.options().path();
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(server.options().maxPayload())
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .build();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(location, null, decoder)
                .newHandshaker(req);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        SocketConnection connection = new SocketConnection(ctx.channel());
        ScSocket socket = new ScSocket(server, connection, NettyServer.newId(), request);
        // Registered before the 101 leaves, so a close() racing with this upgrade still says goodbye (1001).
        server.register(socket);
        handshaker.handshake(ctx.channel(), req).addListener(f -> {
            if (!f.isSuccess()) {
                ctx.close();
            }
        });
        // Replace the router in the same event-loop task, so no frame can arrive in between.
        // Replies written from virtual threads each ask for a flush: consolidated, a burst leaves in one writev.
        ctx.pipeline().addAfter(ctx.name(), "flush-consolidation", new FlushConsolidationHandler(256, true));
        ctx.pipeline().addAfter(ctx.name(), "sc", new WsFrameHandler(server, socket));
        ctx.pipeline().addAfter(ctx.name(), "ws-aggregator",
                new io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator(server.options().maxPayload()));
        // Text must be valid UTF-8 (RFC 6455 §8.1; ws closes with 1007): the handshaker alone does not check.
        ctx.pipeline().addAfter(ctx.name(), "ws-utf8", new io.netty.handler.codec.http.websocketx.Utf8FrameValidator(true));
        ctx.pipeline().remove(this);
    }

    static HandshakeRequest handshakeRequest(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : req.headers()) {
            headers.computeIfAbsent(h.getKey().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
        }
        InetSocketAddress remote = ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a : new InetSocketAddress(0);
        return new HandshakeRequest(req.uri(), uri.path(), uri.parameters(), headers, remote);
    }

    static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
        byte[] body = Json.encode(Map.of("error", status.reasonPhrase(), "message", message))
                .getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        HttpUtil.setContentLength(res, body.length);
        res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
