package dev.switchboard.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Moves one socket's frames between Netty and its mailbox. Runs on the event loop and does no
 * protocol work: it hands text to {@link ScInbound} on the socket's virtual-thread mailbox, pauses
 * reading while too much inbound text waits there, sends pings, and enforces the pong, handshake and
 * outbound-buffer limits.
 */
final class WsFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final NettyServer server;
    private final ScSocket socket;
    private final SocketConnection connection;
    private final ScInbound inbound;
    private final dev.switchboard.core.internal.SerialExecutor mailbox;
    private final AtomicLong inboundPending = new AtomicLong();
    private final long inboundLimit;
    private volatile boolean paused;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> pongTask;
    private ScheduledFuture<?> handshakeTask;

    WsFrameHandler(NettyServer server, ScSocket socket) {
        this.server = server;
        this.socket = socket;
        this.connection = socket.connection;
        this.inbound = new ScInbound(socket);
        this.mailbox = new dev.switchboard.core.internal.SerialExecutor(server.virtualThreads(), t -> server.error(Optional.of(socket), t));
        this.inboundLimit = Math.max(64 * 1024, server.options().maxPayload());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ServerOptions o = server.options();
        String ping = o.protocolVersion() == 1 ? "#1" : "";
        long interval = o.pingInterval().toNanos();
        pingTask = ctx.executor().scheduleAtFixedRate(() -> connection.sendPing(ping), interval, interval, TimeUnit.NANOSECONDS);
        if (!o.pingTimeoutDisabled()) {
            pongTask = ctx.executor().schedule(this::checkPong, o.pingTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        handshakeTask = ctx.executor().schedule(() -> {
            if (socket.state() == SocketState.CONNECTING) {
                connection.close(CloseCodes.HANDSHAKE_TIMEOUT, "Did not receive #handshake from client before timeout");
            }
        }, o.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Any inbound frame counts as a sign of life; the timer re-arms for whatever time is left. */
    private void checkPong() {
        long timeout = server.options().pingTimeout().toNanos();
        long silent = System.nanoTime() - connection.lastSeenNanos;
        if (silent >= timeout) {
            connection.close(CloseCodes.PONG_TIMEOUT, "Client pong timed out");
        } else {
            pongTask = connection.eventLoop().schedule(this::checkPong, timeout - silent, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        connection.lastSeenNanos = System.nanoTime();
        switch (frame) {
            case TextWebSocketFrame text -> enqueue(ctx, text.text());
            case BinaryWebSocketFrame binary -> enqueue(ctx, binary.content().toString(StandardCharsets.UTF_8));
            case CloseWebSocketFrame close -> {
                connection.peerClosed(close.statusCode(), close.reasonText());
                ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode() < 0 ? 1000 : close.statusCode(), ""))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            case PongWebSocketFrame pong -> { }
            default -> { }
        }
    }

    private void enqueue(ChannelHandlerContext ctx, String text) {
        long size = text.length();
        if (inboundPending.addAndGet(size) > inboundLimit && !paused) {
            paused = true;
            ctx.channel().config().setAutoRead(false); // TCP pushes back on a client that sends faster than we handle
        }
        Runnable task = () -> {
            try {
                inbound.onFrame(text);
            } finally {
                if (inboundPending.addAndGet(-size) < inboundLimit / 2 && paused) {
                    ctx.executor().execute(() -> {
                        paused = false;
                        ctx.channel().config().setAutoRead(true);
                    });
                }
            }
        };
        if (inbound.mayRunInline(text)) {
            // Pongs and small calls without inbound middleware run no user code: a virtual thread per
            // frame was the bulk of an idle socket's cost and half of an RPC's hand-offs.
            mailbox.executeInlineIfIdle(() -> {
                if (inbound.mayRunInline(text)) {
                    task.run();
                } else {
                    mailbox.execute(task); // the socket changed meanwhile (authenticated): its thread, in order
                }
            });
        } else {
            mailbox.execute(task);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable() && !connection.isClosing()) {
            // close first: once the counter shows the cut-off, no later send may queue behind it
            connection.close(CloseCodes.SLOW_CONSUMER, "Outbound buffer limit exceeded");
            server.countSlowConsumer();
            server.warn(Optional.of(socket), new dev.switchboard.core.SwitchboardException("Socket " + socket.id()
                    + " passed its outbound buffer limit of " + server.options().outboundBufferLimit()
                    + " bytes and was disconnected as a slow consumer"));
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel(pingTask);
        cancel(pongTask);
        cancel(handshakeTask);
        int code = connection.closeCode();
        String reason = connection.closeReason();
        mailbox.execute(() -> server.closed(socket, code, reason));
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            int code = corrupted.closeStatus().code();
            connection.closedWith(code, corrupted.closeStatus().reasonText());
            if (code == CloseCodes.MESSAGE_TOO_BIG) {
                return; // the decoder already sent the close frame and closes the channel
            }
        } else if (cause instanceof TooLongFrameException) {
            connection.close(CloseCodes.MESSAGE_TOO_BIG, "Message exceeds maxPayload");
            return;
        }
        server.warn(Optional.of(socket), cause);
        ctx.close();
    }
}
