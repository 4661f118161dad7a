package dev.switchboard.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The long-polling side of one {@link EioSession}: the outbound buffer (bounded by {@code
 * outboundBufferLimit}, a slow consumer is closed), the one pending GET that takes it, and the one POST
 * at a time. Guarded by the session's lock; HTTP responses are written outside it.
 */
final class EioPolling {
    private static final AttributeKey<EioSession> POLLED_BY = AttributeKey.valueOf(EioSession.class, "polledBy");

    private final EioSession session;

    // ---- guarded by the session's lock ----
    private final List<String> pollBuffer = new ArrayList<>();
    private long pollBytes;
    private ChannelHandlerContext pendingGet;
    private boolean flushScheduled;
    private boolean postActive;
    private boolean closeSent;
    private boolean closeDelivered; // a GET was answered with the close packet

    EioPolling(EioSession session) {
        this.session = session;
    }

    /** Whether a GET is waiting for packets. */
    boolean hasPendingGet() {
        session.lock.lock();
        try {
            return pendingGet != null;
        } finally {
            session.lock.unlock();
        }
    }

    /** Queues a payload element for the next poll, or writes it to the WebSocket if the upgrade won the race. */
    void buffer(String element) {
        boolean overflow = false;
        Channel upgraded;
        session.lock.lock();
        try {
            if (session.isClosed()) {
                return;
            }
            // The upgrade may have completed since the caller read ws; completeUpgrade moved the
            // buffer under this lock, so an element added now would never leave.
            upgraded = session.webSocketChannel();
            if (upgraded == null) {
                pollBuffer.add(element);
                pollBytes += element.length();
                overflow = pollBytes > session.eio.server().options().outboundBufferLimit();
                if (!overflow && pendingGet != null && !flushScheduled) {
                    flushScheduled = true; // coalesce packets sent in the same pass into one response
                    pendingGet.executor().execute(this::flushPoll);
                }
            }
        } finally {
            session.lock.unlock();
        }
        if (upgraded != null) {
            upgraded.writeAndFlush(wsFrame(element), upgraded.voidPromise());
            return;
        }
        if (overflow) {
            session.eio.server().countSlowConsumer();
            session.close("transport error");
        }
    }

    /** The WebSocket frame of a polling payload element ({@code b<base64>} is binary). */
    static WebSocketFrame wsFrame(String element) {
        return element.startsWith("b")
                ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(Base64.getDecoder().decode(element.substring(1))))
                : TextFrames.of(element);
    }

    private void flushPoll() {
        ChannelHandlerContext get;
        String body;
        session.lock.lock();
        try {
            flushScheduled = false;
            if (pendingGet == null || pollBuffer.isEmpty()) {
                return;
            }
            get = pendingGet;
            pendingGet = null;
            body = String.join("\u001e", pollBuffer);
            pollBuffer.clear();
            pollBytes = 0;
        } finally {
            session.lock.unlock();
        }
        EioHttp.respondText(get, session.request, session.eio.options(), body);
    }

    // ---- polling requests (event loop) ----

    void onPollGet(ChannelHandlerContext ctx, FullHttpRequest req) {
        String body = null;
        ChannelHandlerContext overlapped = null;
        // Marks the connection as this session's polling connection (see awaitsFinalPoll); one close
        // listener per connection and session, not one per GET: a keep-alive connection serves many
        // polls, and closeFuture listeners stay until it closes.
        if (ctx.channel().attr(POLLED_BY).getAndSet(session) != session) {
            ctx.channel().closeFuture().addListener(f -> onGetClosed(ctx));
        }
        session.lock.lock();
        try {
            if (pendingGet != null) {
                overlapped = pendingGet;
                pendingGet = null;
            } else if (!pollBuffer.isEmpty()) {
                body = String.join("\u001e", pollBuffer);
                pollBuffer.clear();
                pollBytes = 0;
            } else if (closeSent) {
                body = "1";
                closeDelivered = true;
            } else if (session.isClosed()) {
                body = "6"; // closed over WebSocket meanwhile; nothing more for this poll
            } else {
                pendingGet = ctx;
            }
        } finally {
            session.lock.unlock();
        }
        if (overlapped != null) {
            EioHttp.respondText(overlapped, session.request, session.eio.options(), "1");
            EioHttp.error(ctx, req, session.eio.options(), 3);
            session.close("transport error");
            return;
        }
        if (body != null) {
            var written = EioHttp.respondText(ctx, session.request, session.eio.options(), body);
            if (body.equals("1")) {
                session.eio.removeOnceSent(session, written);
                closeAfterShutdownPoll(written);
            }
        }
    }

    /**
     * Whether {@code channel} is the keep-alive connection of a polling session that the server closed
     * and whose client has yet to poll for what is left and the close packet. A graceful shutdown keeps
     * such a connection open (the listening socket is already closed) until that poll or its deadline.
     */
    static boolean awaitsFinalPoll(Channel channel) {
        EioSession owner = channel.attr(POLLED_BY).get();
        if (owner == null || owner.isWebSocket()) {
            return false;
        }
        EioPolling polling = owner.polling;
        owner.lock.lock();
        try {
            return polling.closeSent && !polling.closeDelivered;
        } finally {
            owner.lock.unlock();
        }
    }

    /** During a graceful shutdown, the connection that carried the close packet has nothing left to carry. */
    void closeAfterShutdownPoll(io.netty.channel.ChannelFuture written) {
        if (session.eio.server().isDraining()) {
            written.addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        }
    }

    private void onGetClosed(ChannelHandlerContext ctx) {
        boolean premature;
        session.lock.lock();
        try {
            premature = pendingGet == ctx;
            if (premature) {
                pendingGet = null;
            }
        } finally {
            session.lock.unlock();
        }
        if (premature && !session.isWebSocket()) {
            session.close("transport close"); // the client aborted its poll
        }
    }

    /** A POST's packets; returns false when another POST is still being processed. */
    boolean beginPost() {
        session.lock.lock();
        try {
            if (postActive) {
                return false;
            }
            postActive = true;
            return true;
        } finally {
            session.lock.unlock();
        }
    }

    void endPost() {
        session.lock.lock();
        try {
            postActive = false;
        } finally {
            session.lock.unlock();
        }
    }

    // ---- hand-over (the caller holds the session's lock) ----

    /** Takes the pending GET, if any, for the caller to answer. */
    ChannelHandlerContext takePendingGet() {
        ChannelHandlerContext get = pendingGet;
        pendingGet = null;
        return get;
    }

    /** Takes what is buffered, for the WebSocket the session was upgraded to. */
    List<String> takeBuffered() {
        List<String> queued = new ArrayList<>(pollBuffer);
        pollBuffer.clear();
        pollBytes = 0;
        return queued;
    }

    /**
     * The session closes: the body for its pending GET (when {@code answerGet}), else null. Packets
     * already queued (a DISCONNECT, say) reach a polling client first, and the close packet only in a
     * later poll: the client handles messages a tick late, and a close in the same payload would
     * overtake them.
     */
    String close(boolean byClient, boolean answerGet) {
        String body = null;
        if (byClient) {
            pollBuffer.clear(); // the client is leaving: socket.io drops what was queued for it
        }
        closeSent = true;
        if (answerGet) {
            body = byClient ? "6" : pollBuffer.isEmpty() ? "1" : String.join("\u001e", pollBuffer);
            closeDelivered = body.equals("1");
            pollBuffer.clear();
        }
        return body;
    }
}
