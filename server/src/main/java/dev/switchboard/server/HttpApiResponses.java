package dev.switchboard.server;

import dev.switchboard.core.internal.Json;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes the complete answers of the plain-HTTP endpoints. Error bodies are JSON objects {@code
 * {"error": <reason phrase>, "message": <one sentence>, ...}}, the shape {@code HttpHandler} uses.
 * Safe from any thread: writes are queued on the channel's event loop in call order.
 */
final class HttpApiResponses {
    static final String JSON = "application/json; charset=utf-8";
    private static final long LINGER_SECONDS = 2;

    private HttpApiResponses() {}

    /** Writes one response; without {@code keepAlive} the connection closes once it is written. */
    static ChannelFuture send(Channel channel, HttpResponseStatus status, String contentType, byte[] body,
            Map<String, String> headers, boolean keepAlive) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        headers.forEach((name, value) -> res.headers().set(name, value));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        HttpUtil.setContentLength(res, body.length);
        res.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        ChannelFuture written = channel.writeAndFlush(res);
        if (!keepAlive) {
            written.addListener(f -> lingeringClose(channel));
        }
        return written;
    }

    /**
     * Half-closes after the answer and keeps reading, then closes when the client does or after {@link
     * #LINGER_SECONDS}. A client still sending its request (an oversized body, say) would get a reset,
     * and lose the answer, if the server closed with its bytes unread.
     */
    private static void lingeringClose(Channel channel) {
        if (channel instanceof DuplexChannel duplex && channel.isActive()) {
            duplex.shutdownOutput();
            channel.eventLoop().schedule(() -> channel.close(), LINGER_SECONDS, TimeUnit.SECONDS);
        } else {
            channel.close();
        }
    }

    static ChannelFuture json(Channel channel, HttpResponseStatus status, Object value, Map<String, String> headers,
            boolean keepAlive) {
        return send(channel, status, JSON, Json.encode(value).getBytes(StandardCharsets.UTF_8), headers, keepAlive);
    }

    static ChannelFuture error(Channel channel, HttpResponseStatus status, String message, boolean keepAlive) {
        return error(channel, status, message, Map.of(), Map.of(), keepAlive);
    }

    static ChannelFuture error(Channel channel, HttpResponseStatus status, String message, Map<String, Object> fields,
            Map<String, String> headers, boolean keepAlive) {
        return json(channel, status, body(status, message, fields), headers, keepAlive);
    }

    static Map<String, Object> body(HttpResponseStatus status, String message, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", status.reasonPhrase());
        body.put("message", message);
        body.putAll(fields);
        return body;
    }
}
