package dev.switchboard.server;

import dev.switchboard.core.internal.SerialExecutor;
import dev.switchboard.core.internal.VirtualStarts;
import dev.switchboard.protocol.eio.EioCodec;
import dev.switchboard.protocol.eio.EioPacket;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Engine.IO session: its transport (long-polling or WebSocket, switching once by upgrade), its
 * outbound queue, and its heartbeat. Inbound packets go to the session's {@link SioConnection} on the
 * session's virtual-thread mailbox, in order.
 *
 * <p>The parts: {@link EioPolling} (the polling buffer and requests), {@link EioUpgrade} (the switch to
 * WebSocket) and {@link EioHeartbeat}; polling and upgrade share this session's {@link #lock}.
 */
final class EioSession {
    final EioServer eio;
    final String sid;
    final EventLoop loop;
    final SerialExecutor mailbox;
    final HandshakeRequest request;
    final SioConnection sio;

    final ReentrantLock lock = new ReentrantLock();
    final EioPolling polling = new EioPolling(this);
    private final EioUpgrade upgrade = new EioUpgrade(this);
    private final EioHeartbeat heartbeat = new EioHeartbeat(this);
    private volatile WireOut wsOut; // set once the session runs over WebSocket
    private volatile boolean closed;
    private boolean ended; // mailbox-confined: the close has reached the mailbox

    EioSession(EioServer eio, String sid, EventLoop loop, HandshakeRequest request) {
        this.eio = eio;
        this.sid = sid;
        this.loop = loop;
        this.request = request;
        // Started through VirtualStarts: the event loop then starts the mailboxes of one pass's reads
        // together, instead of waking the carrier once per packet (see LoopStarts).
        this.mailbox = new SerialExecutor(task -> VirtualStarts.start(this, task), t -> eio.server().error(Optional.empty(), t));
        this.sio = new SioConnection(eio.server().socketIoImpl(), this);
    }

    boolean isWebSocket() {
        return wsOut != null;
    }

    boolean isClosed() {
        return closed;
    }

    /** Starts over WebSocket from the first request (no polling phase), or after the upgrade (under the lock). */
    void attachWebSocket(Channel channel) {
        wsOut = new WireOut(channel);
    }

    // ---- outbound ----

    /** Sends one Engine.IO text packet (type digit included); dropped once the WebSocket is closing. */
    void send(String packet) {
        WireOut out = wsOut;
        if (out != null) {
            if (!out.closed) {
                out.channel().writeAndFlush(TextFrames.of(packet), out.channel().voidPromise());
            }
        } else {
            polling.buffer(packet);
        }
    }

    /** Sends a binary message (a Socket.IO attachment). */
    void sendBinary(byte[] data) {
        WireOut out = wsOut;
        if (out != null) {
            if (!out.closed) {
                out.channel().writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)), out.channel().voidPromise());
            }
        } else {
            polling.buffer(EioCodec.encodePayload(List.of(EioPacket.binary(data))));
        }
    }

    /** Sends a broadcast packet: shared bytes over WebSocket, the text over polling. */
    void sendShared(SharedFrame frame, String packet) {
        WireOut out = wsOut;
        if (out != null) {
            if (!out.closed) {
                out.channel().writeAndFlush(frame.wire(), out.channel().voidPromise());
            }
        } else {
            polling.buffer(packet);
        }
    }

    /** The WebSocket channel when the session runs over WebSocket, for batched fan-out. */
    Channel webSocketChannel() {
        WireOut out = wsOut;
        return out == null ? null : out.channel();
    }

    /** The WebSocket channel's writer for fan-out on its event loop; only while {@link #isWebSocket()}. */
    WireOut webSocketOut() {
        return wsOut;
    }

    /** Whether a packet would leave now rather than queue (for volatile emits). */
    boolean writable() {
        Channel channel = webSocketChannel();
        if (channel != null) {
            return channel.isWritable();
        }
        return polling.hasPendingGet();
    }

    // ---- polling requests (event loop) ----

    void onPollGet(ChannelHandlerContext ctx, FullHttpRequest req) {
        polling.onPollGet(ctx, req);
    }

    /** A POST's packets; returns false when another POST is still being processed. */
    boolean beginPost() {
        return polling.beginPost();
    }

    void endPost() {
        polling.endPost();
    }

    // ---- inbound (any thread; processed on the mailbox) ----

    void receive(EioPacket packet) {
        if (packet.type() == dev.switchboard.protocol.eio.EioPacketType.PONG) {
            // No user code runs for a pong: handled on the caller (the event loop) when the mailbox is
            // idle, in order either way, instead of a virtual-thread hand-off per heartbeat.
            mailbox.executeInlineIfIdle(() -> handle(packet));
        } else {
            mailbox.execute(() -> handle(packet));
        }
    }

    private void handle(EioPacket packet) {
        // Not `closed`: packets that arrived before the transport closed (socket.io-client's DISCONNECT
        // right before its close frame, say) are still handled, in order; only those after are dropped.
        if (ended) {
            return;
        }
        switch (packet.type()) {
            case PONG -> heartbeat.onPong();
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

    // ---- heartbeat and upgrade ----

    void startHeartbeat() {
        heartbeat.start();
    }

    boolean startUpgrade(Channel channel) {
        return upgrade.startUpgrade(channel);
    }

    /** A packet on the probing WebSocket. */
    void onProbePacket(Channel channel, EioPacket packet) {
        upgrade.onProbePacket(channel, packet);
    }

    void cancelUpgrade(Channel channel) {
        upgrade.cancelUpgrade(channel);
    }

    boolean isProbing(Channel channel) {
        return upgrade.isProbing(channel);
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
        String body;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            channel = webSocketChannel();
            if (wsOut != null) {
                // Nothing after the close frame (RFC 6455), and a cut-off slow reader's buffer stops growing
                // while the frame waits to leave.
                wsOut.closed = true;
            }
            probe = upgrade.takeProbing(); // an upgrade in progress dies with the session, as in socket.io
            get = polling.takePendingGet();
            body = polling.close(byClient, get != null);
        } finally {
            lock.unlock();
        }
        loop.execute(() -> {
            heartbeat.cancel();
            upgrade.cancelUpgradeTimers();
        });
        if (probe != null) {
            EioUpgrade.closeWebSocket(probe);
        }
        // A closing server waits for the goodbye to leave (removeOnceSent): this answer may be written
        // from another thread, so it can still be queued on the event loop when the loops stop.
        if (channel != null) {
            EioUpgrade.closeWebSocket(channel);
            eio.removeOnceSent(this, channel.closeFuture());
        } else if (get != null) {
            var written = EioHttp.respondText(get, request, eio.options(), body);
            if (body.equals("1")) {
                polling.closeAfterShutdownPoll(written);
            }
            if (byClient || body.equals("1")) {
                eio.removeOnceSent(this, written);
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
