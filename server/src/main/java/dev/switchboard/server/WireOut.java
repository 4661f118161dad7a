package dev.switchboard.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;

/**
 * The head end of one WebSocket channel's pipeline, for pre-encoded frames ({@link SharedFrame}) and
 * pings written on the event loop. Writing from the WebSocket encoder's context skips the walk over
 * every handler behind it, which at 10k subscribers is a cache miss per handler per delivery; the
 * metrics count the write here instead of in {@link MetricsHandler}.
 *
 * <p>Event-loop confined: every method is called on the channel's loop. Until the upgrade has put the
 * encoder in place, writes go through the whole pipeline.
 */
final class WireOut {
    private final Channel channel;
    private final EventLoop loop;
    private ChannelHandlerContext ctx;
    // Set while the channel waits in its loop's LoopFlusher: a channel written by several publications
    // in one pass is flushed once, without the redundant flushes touching its pipeline again.
    boolean markedForFlush;
    // The connection's closing flag (SocketConnection reads and sets it): once the close frame is sent or
    // the socket is cut off, a fan-out collected before that must not put data after the close frame
    // (RFC 6455), nor keep filling a cut-off slow consumer's buffer.
    volatile boolean closed;
    private MetricsCounters counters; // null: no metrics handler in this pipeline

    WireOut(Channel channel) {
        this.channel = channel;
        this.loop = channel.eventLoop();
    }

    Channel channel() {
        return channel;
    }

    EventLoop loop() {
        return loop;
    }

    /** Writes {@code frame} (a whole WebSocket frame) without flushing; takes ownership of it. */
    void write(ByteBuf frame) {
        if (closed) {
            frame.release();
            return;
        }
        ChannelHandlerContext c = context();
        if (c == null) {
            channel.write(frame, channel.voidPromise());
            return;
        }
        c.write(frame, c.voidPromise());
        if (counters != null) { // as MetricsHandler counts every pre-encoded frame
            counters.messageOut();
        }
    }

    /** Writes a frame object (such as a ping) through the WebSocket encoder, without flushing. */
    void writeFrame(Object frame) {
        channel.write(frame, channel.voidPromise());
    }

    void flush() {
        ChannelHandlerContext c = ctx;
        if (c != null) {
            c.flush();
        } else {
            channel.flush();
        }
    }

    private ChannelHandlerContext context() {
        if (ctx == null) {
            ChannelHandlerContext encoder = channel.pipeline().context(WebSocketFrameEncoder.class);
            if (encoder != null) {
                MetricsHandler metrics = channel.pipeline().get(MetricsHandler.class);
                counters = metrics == null ? null : metrics.counters();
                ctx = encoder;
            }
        }
        return ctx;
    }
}
