package dev.switchboard.server;

import dev.switchboard.protocol.eio.EioPacket;
import dev.switchboard.protocol.eio.EioPacketType;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The upgrade of one polling {@link EioSession} to WebSocket: the probe ({@code 2probe}/{@code 3probe}),
 * noops that release the pending poll, then {@code 5} moves the buffered packets to the WebSocket; no
 * {@code 5} within {@code upgradeTimeout} cancels it. The probing channel is guarded by the session's
 * lock; the timers are confined to the event loop of the probing channel.
 */
final class EioUpgrade {
    /** How long a closing WebSocket waits for its close frame to leave before it is cut. */
    static final int CLOSE_GRACE_SECONDS = 2;

    private final EioSession session;
    private Channel probing; // guarded by the session's lock
    private ScheduledFuture<?> upgradeNoop;
    private ScheduledFuture<?> upgradeTimeout;

    EioUpgrade(EioSession session) {
        this.session = session;
    }

    boolean startUpgrade(Channel channel) {
        session.lock.lock();
        try {
            if (session.isWebSocket() || probing != null || session.isClosed()) {
                return false;
            }
            probing = channel;
        } finally {
            session.lock.unlock();
        }
        upgradeTimeout = session.loop.schedule(() -> cancelUpgrade(channel),
                session.eio.options().upgradeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    /** A packet on the probing WebSocket. */
    void onProbePacket(Channel channel, EioPacket packet) {
        if (packet.type() == EioPacketType.PING && packet.text().equals("probe")) {
            channel.writeAndFlush(TextFrames.of("3probe"));
            // Answer the pending poll with a noop so the client can pause polling and finish the upgrade.
            if (upgradeNoop != null) {
                upgradeNoop.cancel(false); // a repeated probe must not leave a timer behind that nothing cancels
            }
            upgradeNoop = session.loop.scheduleAtFixedRate(this::noopPendingGet, 0, 100, TimeUnit.MILLISECONDS);
        } else if (packet.type() == EioPacketType.UPGRADE) {
            completeUpgrade(channel);
        } else {
            cancelUpgrade(channel);
        }
    }

    private void noopPendingGet() {
        ChannelHandlerContext get;
        session.lock.lock();
        try {
            get = session.polling.takePendingGet();
        } finally {
            session.lock.unlock();
        }
        if (get != null) {
            EioHttp.respondText(get, session.request, session.eio.options(), "6");
        }
    }

    private void completeUpgrade(Channel channel) {
        cancelUpgradeTimers();
        List<String> queued;
        ChannelHandlerContext get;
        session.lock.lock();
        try {
            probing = null;
            session.attachWebSocket(channel);
            queued = session.polling.takeBuffered();
            get = session.polling.takePendingGet();
        } finally {
            session.lock.unlock();
        }
        if (get != null) {
            EioHttp.respondText(get, session.request, session.eio.options(), "6");
        }
        for (String element : queued) {
            channel.write(EioPolling.wsFrame(element), channel.voidPromise());
        }
        channel.flush();
        session.sio.transportChanged();
    }

    void cancelUpgrade(Channel channel) {
        session.lock.lock();
        try {
            if (probing != channel) {
                return;
            }
            probing = null;
        } finally {
            session.lock.unlock();
        }
        cancelUpgradeTimers();
        closeWebSocket(channel);
    }

    /**
     * A close frame first, as socket.io's ws sends one, and the close once it has left. Writes complete
     * in order, so what was queued before it (the DISCONNECT packets of {@code disconnect(true)}) has
     * left too; closing at once would drop writes still in flight, which on io_uring are those of the
     * whole loop pass. A client that stopped reading is cut after {@link #CLOSE_GRACE_SECONDS} all the same.
     */
    static void closeWebSocket(Channel channel) {
        if (!channel.isActive()) {
            channel.close();
            return;
        }
        ScheduledFuture<?> cut = channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
        channel.closeFuture().addListener(f -> cut.cancel(false));
        channel.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
    }

    void cancelUpgradeTimers() {
        if (upgradeNoop != null) {
            upgradeNoop.cancel(false);
        }
        if (upgradeTimeout != null) {
            upgradeTimeout.cancel(false);
        }
    }

    boolean isProbing(Channel channel) {
        session.lock.lock();
        try {
            return probing == channel;
        } finally {
            session.lock.unlock();
        }
    }

    /** Takes the probing channel, if any: an upgrade in progress dies with the session. Under the session's lock. */
    Channel takeProbing() {
        Channel probe = probing;
        probing = null;
        return probe;
    }
}
