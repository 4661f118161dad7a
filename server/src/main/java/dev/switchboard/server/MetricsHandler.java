package dev.switchboard.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * One instance per server, in every accepted channel's pipeline right after the HTTP codec (and so,
 * after an upgrade, right after the WebSocket codec): counts accepted connections and WebSocket
 * messages in both directions for {@link MetricsCounters}, and adds each channel to the group that
 * graceful shutdown drains. Runs on the event loops; holds no per-channel state.
 *
 * <p>Outbound, a bare {@link ByteBuf} is a pre-encoded shared WebSocket frame ({@code SharedFrame}):
 * the server writes HTTP answers as message objects, never as bare buffers. Frames of at most two
 * bytes are heartbeats or control packets and are not counted.
 */
@ChannelHandler.Sharable
final class MetricsHandler extends ChannelDuplexHandler {
    private static final int CONTROL_MAX = 2;

    private final MetricsCounters counters;
    private final ChannelGroup channels;

    MetricsHandler(MetricsCounters counters, ChannelGroup channels) {
        this.counters = counters;
        this.channels = channels;
    }

    MetricsCounters counters() {
        return counters;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        counters.accepted();
        channels.add(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if ((msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame)
                && ((io.netty.buffer.ByteBufHolder) msg).content().readableBytes() > CONTROL_MAX) {
            counters.messageIn();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            if (((io.netty.buffer.ByteBufHolder) msg).content().readableBytes() > CONTROL_MAX) {
                counters.messageOut();
            }
        } else if (msg instanceof ByteBuf) {
            counters.messageOut();
        }
        ctx.write(msg, promise);
    }
}
