package dev.switchboard.server;

import dev.switchboard.protocol.eio.EioCodec;
import dev.switchboard.protocol.eio.EioPacket;
import dev.switchboard.protocol.eio.EioPacketType;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Engine.IO session: its transport (long-polling or WebSocket, switching once by upgrade), its
 * outbound queue, and its heartbeat. Inbound packets go to the session's {@link SioConnection} on the
 * session's virtual-thread mailbox, in order.
 */
final class EioSession {
    private static final io.netty.util.AttributeKey<EioSession> POLLED_BY =
            io.netty.util.AttributeKey.valueOf(EioSession.class, "polledBy");

    final EioServer eio;
    final String sid;
    final EventLoop loop;
    final dev.switchboard.core.internal.SerialExecutor mailbox;
    final HandshakeRequest request;
    final SioConnection sio;

    private final ReentrantLock lock = new ReentrantLock();
    private volatile Channel ws; // set once the session runs over WebSocket
    private final List<String> pollBuffer = new ArrayList<>();
    private long pollBytes;
    private ChannelHandlerContext pendingGet;
    private boolean flushScheduled;
    private boolean postActive;
    private boolean closeSent;
    private boolean closeDelivered; // over polling: a GET was answered with the close packet
    private Channel probing;
    private ScheduledFuture<?> upgradeNoop;
    private ScheduledFuture<?> upgradeTimeout;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> pongTimeout;
    private volatile boolean closed;
    private boolean ended; // mailbox-confined: the close has reached the mailbox

    EioSession(EioServer eio, String sid, EventLoop loop, HandshakeRequest request) {
        this.eio = eio;
        this.sid = sid;
        this.loop = loop;
        this.request = request;
        this.mailbox = new dev.switchboard.core.internal.SerialExecutor(eio.server().virtualThreads(), t -> eio.server().error(java.util.Optional.empty(), t));
        this.sio = new SioConnection(eio.server().socketIoImpl(), this);
    }

    boolean isWebSocket() {
        return ws != null;
    }

    boolean isClosed() {
        return closed;
    }

    /** Starts over WebSocket from the first request (no polling phase). */
    void attachWebSocket(Channel channel) {
        ws = channel;
    }

    // ---- outbound ----

    /** Sends one Engine.IO text packet (type digit included). */
    void send(String packet) {
        Channel channel = ws;
        if (channel != null) {
            channel.writeAndFlush(new TextWebSocketFrame(packet), channel.voidPromise());
        } else {
            buffer(packet);
        }
    }

    /** Sends a binary message (a Socket.IO attachment). */
    void sendBinary(byte[] data) {
        Channel channel = ws;
        if (channel != null) {
            channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)), channel.voidPromise());
        } else {
            buffer(EioCodec.encodePayload(List.of(EioPacket.binary(data))));
        }
    }

    /** Sends a broadcast packet: shared bytes over WebSocket, the text over polling. */
    void sendShared(SharedFrame frame, String packet) {
        Channel channel = ws;
        if (channel != null) {
            channel.writeAndFlush(frame.wire(), channel.voidPromise());
        } else {
            buffer(packet);
        }
    }

    /** The WebSocket channel when the session runs over WebSocket, for batched fan-out. */
    Channel webSocketChannel() {
        return ws;
    }

    /** Whether a packet would leave now rather than queue (for volatile emits). */
    boolean writable() {
        Channel channel = ws;
        if (channel != null) {
            return channel.isWritable();
        }
        lock.lock();
        try {
            return pendingGet != null;
        } finally {
            lock.unlock();
        }
    }

    private void buffer(String element) {
        boolean overflow = false;
        Channel upgraded;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            // The upgrade may have completed since the caller read ws; completeUpgrade moved the
            // buffer under this lock, so an element added now would never leave.
            upgraded = ws;
            if (upgraded == null) {
                pollBuffer.add(element);
                pollBytes += element.length();
                overflow = pollBytes > eio.server().options().outboundBufferLimit();
                if (!overflow && pendingGet != null && !flushScheduled) {
                    flushScheduled = true; // coalesce packets sent in the same pass into one response
                    pendingGet.executor().execute(this::flushPoll);
                }
            }
        } finally {
            lock.unlock();
        }
        if (upgraded != null) {
            upgraded.writeAndFlush(wsFrame(element), upgraded.voidPromise());
            return;
        }
        if (overflow) {
            eio.server().countSlowConsumer();
            close("transport error");
        }
    }

    /** The WebSocket frame of a polling payload element ({@code b<base64>} is binary). */
    private static io.netty.handler.codec.http.websocketx.WebSocketFrame wsFrame(String element) {
        return element.startsWith("b")
                ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(java.util.Base64.getDecoder().decode(element.substring(1))))
                : new TextWebSocketFrame(element);
    }

    private void flushPoll() {
        ChannelHandlerContext get;
        String body;
        lock.lock();
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
            lock.unlock();
        }
        EioHttp.respondText(get, request, eio.options(), body);
    }

    // ---- polling requests (event loop) ----

    void onPollGet(ChannelHandlerContext ctx, io.netty.handler.codec.http.FullHttpRequest req) {
        String body = null;
        ChannelHandlerContext overlapped = null;
        // Marks the connection as this session's polling connection (see awaitsFinalPoll); one close
        // listener per connection and session, not one per GET: a keep-alive connection serves many
        // polls, and closeFuture listeners stay until it closes.
        if (ctx.channel().attr(POLLED_BY).getAndSet(this) != this) {
            ctx.channel().closeFuture().addListener(f -> onGetClosed(ctx));
        }
        lock.lock();
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
            } else if (closed) {
                body = "6"; // closed over WebSocket meanwhile; nothing more for this poll
            } else {
                pendingGet = ctx;
            }
        } finally {
            lock.unlock();
        }
        if (overlapped != null) {
            EioHttp.respondText(overlapped, request, eio.options(), "1");
            EioHttp.error(ctx, req, eio.options(), 3);
            close("transport error");
            return;
        }
        if (body != null) {
            var written = EioHttp.respondText(ctx, request, eio.options(), body);
            if (body.equals("1")) {
                eio.remove(this);
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
        EioSession session = channel.attr(POLLED_BY).get();
        if (session == null || session.ws != null) {
            return false;
        }
        session.lock.lock();
        try {
            return session.closeSent && !session.closeDelivered;
        } finally {
            session.lock.unlock();
        }
    }

    /** During a graceful shutdown, the connection that carried the close packet has nothing left to carry. */
    private void closeAfterShutdownPoll(io.netty.channel.ChannelFuture written) {
        if (eio.server().isDraining()) {
            written.addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        }
    }

    private void onGetClosed(ChannelHandlerContext ctx) {
        boolean premature;
        lock.lock();
        try {
            premature = pendingGet == ctx;
            if (premature) {
                pendingGet = null;
            }
        } finally {
            lock.unlock();
        }
        if (premature && !isWebSocket()) {
            close("transport close"); // the client aborted its poll
        }
    }

    /** A POST's packets; returns false when another POST is still being processed. */
    boolean beginPost() {
        lock.lock();
        try {
            if (postActive) {
                return false;
            }
            postActive = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void endPost() {
        lock.lock();
        try {
            postActive = false;
        } finally {
            lock.unlock();
        }
    }

    // ---- inbound (any thread; processed on the mailbox) ----

    void receive(EioPacket packet) {
        mailbox.execute(() -> handle(packet));
    }

    private void handle(EioPacket packet) {
        // Not `closed`: packets that arrived before the transport closed (socket.io-client's DISCONNECT
        // right before its close frame, say) are still handled, in order; only those after are dropped.
        if (ended) {
            return;
        }
        switch (packet.type()) {
            case PONG -> onPong();
            case MESSAGE -> {
                if (packet.isBinary()) {
                    sio.onBinary(packet.binary().orElseThrow());
                } else {
                    sio.onText(packet.text());
                }
            }
            case CLOSE -> {
                ended = true; // what the client sent after its close packet is not handled
                close("transport close", true);
            }
            case PING -> {
                ended = true;
                close("transport error"); // v4 heartbeats go server to client only
            }
            default -> { } // noop and stray upgrade packets carry nothing
        }
    }

    // ---- heartbeat ----

    void startHeartbeat() {
        schedulePing();
    }

    private void schedulePing() {
        pingTask = loop.schedule(() -> {
            send("2");
            pongTimeout = loop.schedule(() -> close("ping timeout"),
                    eio.options().pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }, eio.options().pingInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onPong() {
        loop.execute(() -> {
            if (pongTimeout != null) {
                pongTimeout.cancel(false);
                pongTimeout = null;
            }
            if (!closed && (pingTask == null || pingTask.isDone())) {
                schedulePing();
            }
        });
    }

    // ---- upgrade (event loop of the probing channel) ----

    boolean startUpgrade(Channel channel) {
        lock.lock();
        try {
            if (ws != null || probing != null || closed) {
                return false;
            }
            probing = channel;
        } finally {
            lock.unlock();
        }
        upgradeTimeout = loop.schedule(() -> cancelUpgrade(channel), eio.options().upgradeTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        return true;
    }

    /** A packet on the probing WebSocket. */
    void onProbePacket(Channel channel, EioPacket packet) {
        if (packet.type() == EioPacketType.PING && packet.text().equals("probe")) {
            channel.writeAndFlush(new TextWebSocketFrame("3probe"));
            // Answer the pending poll with a noop so the client can pause polling and finish the upgrade.
            if (upgradeNoop != null) {
                upgradeNoop.cancel(false); // a repeated probe must not leave a timer behind that nothing cancels
            }
            upgradeNoop = loop.scheduleAtFixedRate(this::noopPendingGet, 0, 100, TimeUnit.MILLISECONDS);
        } else if (packet.type() == EioPacketType.UPGRADE) {
            completeUpgrade(channel);
        } else {
            cancelUpgrade(channel);
        }
    }

    private void noopPendingGet() {
        ChannelHandlerContext get;
        lock.lock();
        try {
            get = pendingGet;
            pendingGet = null;
        } finally {
            lock.unlock();
        }
        if (get != null) {
            EioHttp.respondText(get, request, eio.options(), "6");
        }
    }

    private void completeUpgrade(Channel channel) {
        cancelUpgradeTimers();
        List<String> queued;
        ChannelHandlerContext get;
        lock.lock();
        try {
            probing = null;
            ws = channel;
            queued = new ArrayList<>(pollBuffer);
            pollBuffer.clear();
            pollBytes = 0;
            get = pendingGet;
            pendingGet = null;
        } finally {
            lock.unlock();
        }
        if (get != null) {
            EioHttp.respondText(get, request, eio.options(), "6");
        }
        for (String element : queued) {
            channel.write(wsFrame(element), channel.voidPromise());
        }
        channel.flush();
    }

    void cancelUpgrade(Channel channel) {
        lock.lock();
        try {
            if (probing != channel) {
                return;
            }
            probing = null;
        } finally {
            lock.unlock();
        }
        cancelUpgradeTimers();
        closeWebSocket(channel);
    }

    /** A close frame first, as socket.io's ws sends one; a client that stopped reading is cut all the same. */
    private static void closeWebSocket(Channel channel) {
        if (channel.isActive()) {
            channel.writeAndFlush(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(), channel.voidPromise());
        }
        channel.close();
    }

    private void cancelUpgradeTimers() {
        if (upgradeNoop != null) {
            upgradeNoop.cancel(false);
        }
        if (upgradeTimeout != null) {
            upgradeTimeout.cancel(false);
        }
    }

    boolean isProbing(Channel channel) {
        lock.lock();
        try {
            return probing == channel;
        } finally {
            lock.unlock();
        }
    }

    // ---- close ----

    /** Ends the session for {@code reason}; the Socket.IO sockets on it disconnect with that reason. */
    void close(String reason) {
        close(reason, false);
    }

    /**
     * Ends the session. Over polling, packets already buffered still leave, and the close packet in a
     * later poll (socket.io flushes its buffer before closing, so e.g. the DISCONNECT packets of {@code
     * disconnect(true)} arrive). When the client itself sent the close packet ({@code byClient}), its
     * pending GET gets a noop instead and the session is forgotten at once, as in socket.io.
     */
    private void close(String reason, boolean byClient) {
        ChannelHandlerContext get;
        Channel channel;
        Channel probe;
        String body = null;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            channel = ws;
            probe = probing; // an upgrade in progress dies with the session, as in socket.io
            probing = null;
            get = pendingGet;
            pendingGet = null;
            // Packets already queued (a DISCONNECT, say) reach a polling client first, and the close
            // packet only in a later poll: the client handles messages a tick late, and a close in the
            // same payload would overtake them.
            if (byClient) {
                pollBuffer.clear(); // the client is leaving: socket.io drops what was queued for it
            }
            closeSent = true;
            if (get != null) {
                body = byClient ? "6" : pollBuffer.isEmpty() ? "1" : String.join("\u001e", pollBuffer);
                closeDelivered = body.equals("1");
                pollBuffer.clear();
            }
        } finally {
            lock.unlock();
        }
        loop.execute(() -> {
            if (pingTask != null) {
                pingTask.cancel(false);
            }
            if (pongTimeout != null) {
                pongTimeout.cancel(false);
            }
            cancelUpgradeTimers();
        });
        if (probe != null) {
            closeWebSocket(probe);
        }
        if (channel != null) {
            closeWebSocket(channel);
            eio.remove(this);
        } else if (get != null) {
            var written = EioHttp.respondText(get, request, eio.options(), body);
            if (body.equals("1")) {
                closeAfterShutdownPoll(written);
            }
            if (byClient || body.equals("1")) {
                eio.remove(this);
            } else {
                loop.schedule(() -> eio.remove(this), 30, TimeUnit.SECONDS);
            }
        } else if (byClient) {
            eio.remove(this); // the client said goodbye: there is nothing left to tell it
        } else {
            // The client learns of the close on its next poll; forget the session if none comes.
            loop.schedule(() -> eio.remove(this), 30, TimeUnit.SECONDS);
        }
        mailbox.execute(() -> {
            ended = true;
            sio.onClose(reason);
        });
    }
}
