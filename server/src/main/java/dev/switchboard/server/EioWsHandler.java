package dev.switchboard.server;

import dev.switchboard.protocol.eio.EioCodec;
import dev.switchboard.protocol.eio.EioPacket;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * The Engine.IO packets of one WebSocket: one packet per frame, binary frames as raw messages. While
 * the socket probes an upgrade its packets go to the upgrade logic; afterwards, to the session.
 */
final class EioWsHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final EioSession session;
    private final boolean upgrading;

    EioWsHandler(EioSession session, boolean upgrading) {
        this.session = session;
        this.upgrading = upgrading;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        EioPacket packet;
        switch (frame) {
            case TextWebSocketFrame text -> {
                try {
                    packet = EioCodec.decodeText(text.text());
                } catch (RuntimeException malformed) {
                    fail(ctx, "parse error");
                    return;
                }
            }
            case BinaryWebSocketFrame binary -> packet = EioPacket.binary(ByteBufUtil.getBytes(binary.content()));
            case CloseWebSocketFrame close -> {
                ctx.close();
                return;
            }
            case PingWebSocketFrame ping -> {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
                return;
            }
            default -> {
                return;
            }
        }
        if (upgrading && session.isProbing(ctx.channel())) {
            session.onProbePacket(ctx.channel(), packet);
        } else {
            session.receive(packet);
        }
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        if (upgrading && session.isProbing(ctx.channel())) {
            session.cancelUpgrade(ctx.channel());
        } else {
            session.close(reason);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable() && session.isWebSocket()) {
            session.eio.server().countSlowConsumer();
            session.close("transport error"); // the client reads too slowly; memory stays bounded
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (upgrading && session.isProbing(ctx.channel())) {
            session.cancelUpgrade(ctx.channel());
        } else if (session.isWebSocket()) {
            session.close("transport close");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, "transport error");
        ctx.close();
    }
}
