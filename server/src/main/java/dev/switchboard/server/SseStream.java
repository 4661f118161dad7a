package dev.switchboard.server;

import dev.switchboard.core.SwitchboardException;
import dev.switchboard.core.spi.Publication;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Server-Sent Events connection: the pipeline handler that replaced the router, and the hub
 * subscriber of the stream's channels.
 *
 * <h2>Lifecycle</h2>
 * Created by {@link SseEndpoint#open} on the event loop, pending while its request is checked on a
 * virtual thread. Then either {@link #reject} answers an error and closes, or {@link #subscribeAll}
 * and {@link #start} subscribe its channels and send the response head, the {@code retry:} hint and any
 * publication that arrived in between: so when a client sees the response, it is subscribed. It ends
 * when the peer goes ({@link #channelInactive}), when it falls behind by more than the channel's
 * write-buffer high-water mark (disconnected and counted as a slow consumer), or at shutdown ({@link
 * #end}: a {@code : server shutting down} comment, then the last chunk and close, after everything
 * already queued).
 *
 * <h2>Threading</h2>
 * Publications arrive on broker threads; writes are queued to the channel's event loop in call order.
 * The lock only orders the switch from pending to started against concurrent deliveries.
 */
final class SseStream extends ChannelInboundHandlerAdapter implements ChannelHub.Subscriber {
    private final NettyServer server;
    private final SseEndpoint endpoint;
    private final Channel channel;
    private final List<String> channels;
    private final HandshakeRequest request;
    private final Map<String, String> corsHeaders;
    private final ReentrantLock lock = new ReentrantLock();
    private List<ByteBuf> early = new ArrayList<>(); // guarded by lock; null once started or gone
    private long earlyBytes;
    private volatile SseEndpoint.Auth auth = SseEndpoint.Auth.NONE;
    private volatile boolean started;
    private volatile boolean ending;
    private volatile boolean inactive;
    private ScheduledFuture<?> heartbeat; // event loop only

    SseStream(NettyServer server, SseEndpoint endpoint, Channel channel, List<String> channels,
            HandshakeRequest request, Map<String, String> corsHeaders) {
        this.server = server;
        this.endpoint = endpoint;
        this.channel = channel;
        this.channels = List.copyOf(channels);
        this.request = request;
        this.corsHeaders = corsHeaders;
    }

    HandshakeRequest request() {
        return request;
    }

    List<String> channels() {
        return channels;
    }

    void setAuth(SseEndpoint.Auth auth) {
        this.auth = auth;
    }

    /** Answers an error instead of the stream and closes; from any thread. */
    void reject(HttpResponseStatus status, String message, Map<String, Object> fields) {
        ending = true;
        dropEarly();
        HttpApiResponses.error(channel, status, message, fields, Map.of(), false);
    }

    /** Subscribes every channel; on a broker failure rejects with 503 and returns false. Virtual thread. */
    boolean subscribeAll() {
        List<CompletableFuture<Void>> futures = new ArrayList<>(channels.size());
        for (String name : channels) {
            futures.add(server.hub().subscribe(name, this));
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            leaveAll();
            reject(HttpResponseStatus.SERVICE_UNAVAILABLE, "Failed to subscribe: " + e.getCause().getMessage(), Map.of());
            return false;
        }
        if (inactive) {
            leaveAll(); // the peer left while we subscribed
            return false;
        }
        return true;
    }

    /** Sends the response head, the retry hint and early publications; false if the stream already ended. */
    boolean start() {
        lock.lock();
        try {
            if (inactive || ending) {
                return false;
            }
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-transform");
            head.headers().set("X-Accel-Buffering", "no"); // nginx: do not buffer the stream
            corsHeaders.forEach((k, v) -> head.headers().set(k, v));
            HttpUtil.setTransferEncodingChunked(head, true);
            channel.write(head);
            channel.write(new DefaultHttpContent(SseEvents.retry(server.options().httpApi().sseRetry())));
            for (ByteBuf event : early) {
                server.metricsCounters().messageOut();
                channel.write(new DefaultHttpContent(event));
            }
            early = null;
            channel.flush();
            started = true;
        } finally {
            lock.unlock();
        }
        long every = server.options().httpApi().sseHeartbeat().toNanos();
        channel.eventLoop().execute(() -> {
            if (!inactive) {
                heartbeat = channel.eventLoop().scheduleAtFixedRate(this::ping, every, every, TimeUnit.NANOSECONDS);
            }
        });
        return true;
    }

    private void ping() {
        if (!ending) {
            channel.writeAndFlush(new DefaultHttpContent(SseEvents.comment("ping")), channel.voidPromise());
        }
    }

    @Override
    public void deliver(Publication publication, ChannelHub.Frames frames) {
        if (ending || inactive) {
            return;
        }
        ByteBuf event = outbound(publication, frames);
        if (event == null) {
            return;
        }
        if (!started && hold(event)) {
            return;
        }
        server.metricsCounters().messageOut();
        channel.writeAndFlush(new DefaultHttpContent(event), channel.voidPromise());
    }

    /** This recipient's bytes (a retained duplicate of the shared event), or null when middleware blocks it. */
    private ByteBuf outbound(Publication publication, ChannelHub.Frames frames) {
        if (!server.middlewares().has(MiddlewareType.OUTBOUND)) {
            return frames.sseEvent().retainedDuplicate();
        }
        SseEndpoint.Auth a = auth;
        ScAction action = server.middlewares().run(new ScAction(ActionType.PUBLISH_OUT, Optional.empty(), request,
                Optional.empty(), Optional.of(publication.channel()), publication.data(), a.claims(), a.token(),
                Optional.empty()));
        if (!action.isAllowed()) {
            return null;
        }
        return action.outcomeData() == publication.data() ? frames.sseEvent().retainedDuplicate()
                : SseEvents.publication(new Publication(publication.channel(), action.outcomeData(), publication.position()));
    }

    /** Keeps {@code event} until {@link #start}; returns false if the stream started meanwhile. */
    private boolean hold(ByteBuf event) {
        lock.lock();
        try {
            if (started) {
                return false;
            }
            if (early == null) {
                event.release();
                return true;
            }
            earlyBytes += event.readableBytes();
            if (earlyBytes > server.options().outboundBufferLimit()) {
                event.release();
                slowConsumer();
                return true;
            }
            early.add(event);
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void dropEarly() {
        lock.lock();
        try {
            if (early != null) {
                early.forEach(ReferenceCountUtil::release);
                early = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream after everything queued: a notice comment, the last chunk, then close. Any thread. */
    void end(String reason) {
        lock.lock();
        boolean wasStarted;
        try {
            if (ending) {
                return;
            }
            ending = true;
            wasStarted = started;
        } finally {
            lock.unlock();
        }
        if (wasStarted) {
            channel.write(new DefaultHttpContent(SseEvents.comment(reason)));
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
        } // a pending stream sees ending in start() and answers 503
    }

    private void slowConsumer() {
        if (ending) {
            return;
        }
        ending = true;
        endpoint.countSlowConsumer();
        server.warn(Optional.empty(), new SwitchboardException("SSE stream from " + request.remoteAddress()
                + " passed its outbound buffer limit of " + server.options().outboundBufferLimit()
                + " bytes and was disconnected as a slow consumer"));
        channel.close();
    }

    private void leaveAll() {
        for (String name : channels) {
            server.hub().unsubscribe(name, this); // idempotent
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg); // a stream answers no further request on its connection
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable() && started) {
            slowConsumer();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive = true;
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        leaveAll();
        dropEarly();
        endpoint.remove(this);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
