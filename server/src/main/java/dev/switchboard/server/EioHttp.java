package dev.switchboard.server;

import dev.switchboard.protocol.eio.EioCodec;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** HTTP responses of the Engine.IO endpoint: payloads, {@code ok}, JSON errors and CORS headers. */
final class EioHttp {
    private EioHttp() {}

    /** A polling payload (text/plain). */
    static ChannelFuture respondText(ChannelHandlerContext ctx, HandshakeRequest request, SocketIoOptions options, String body) {
        return respond(ctx, request.header("origin"), false, options, HttpResponseStatus.OK,
                "text/plain; charset=UTF-8", body);
    }

    static void respondOk(ChannelHandlerContext ctx, HttpRequest req, SocketIoOptions options) {
        respond(ctx, java.util.Optional.ofNullable(req.headers().get(HttpHeaderNames.ORIGIN)), false, options,
                HttpResponseStatus.OK, "text/html", "ok");
    }

    /** An Engine.IO error: {@code {"code":N,"message":"..."}} with its HTTP status. */
    static void error(ChannelHandlerContext ctx, HttpRequest req, SocketIoOptions options, int code) {
        respond(ctx, java.util.Optional.ofNullable(req.headers().get(HttpHeaderNames.ORIGIN)), false, options,
                HttpResponseStatus.valueOf(EioCodec.httpStatus(code)), "application/json", EioCodec.errorJson(code));
    }

    static void status(ChannelHandlerContext ctx, HttpRequest req, SocketIoOptions options, HttpResponseStatus status,
            String body) {
        respond(ctx, java.util.Optional.ofNullable(req.headers().get(HttpHeaderNames.ORIGIN)), false, options, status,
                "text/plain; charset=UTF-8", body);
    }

    /** The CORS preflight answer. */
    static void preflight(ChannelHandlerContext ctx, HttpRequest req, SocketIoOptions options) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        cors(res, java.util.Optional.ofNullable(req.headers().get(HttpHeaderNames.ORIGIN)), options);
        res.headers().set("Access-Control-Allow-Methods", "GET,HEAD,PUT,PATCH,POST,DELETE");
        String asked = req.headers().get("Access-Control-Request-Headers");
        if (asked != null) {
            res.headers().set("Access-Control-Allow-Headers", asked);
        }
        HttpUtil.setContentLength(res, 0);
        ctx.writeAndFlush(res);
    }

    private static ChannelFuture respond(ChannelHandlerContext ctx, java.util.Optional<String> origin, boolean unused,
            SocketIoOptions options, HttpResponseStatus status, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        HttpUtil.setContentLength(res, bytes.length);
        cors(res, origin, options);
        var future = ctx.writeAndFlush(res);
        if (status.code() >= 400) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
        return future;
    }

    private static void cors(FullHttpResponse res, java.util.Optional<String> origin, SocketIoOptions options) {
        List<String> allowed = options.corsOrigins();
        if (allowed.isEmpty() || origin.isEmpty()) {
            return;
        }
        if (allowed.contains("*") || allowed.contains(origin.get())) {
            res.headers().set("Access-Control-Allow-Origin", origin.get());
            res.headers().set(HttpHeaderNames.VARY, "Origin");
            if (options.corsCredentials()) {
                res.headers().set("Access-Control-Allow-Credentials", "true");
            }
        }
    }
}
