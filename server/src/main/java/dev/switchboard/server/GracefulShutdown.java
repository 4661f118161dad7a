package dev.switchboard.server;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SwitchboardServer#shutdown(Duration)}: the drain sequence, within one deadline.
 * <ol>
 *   <li>Draining starts: {@code /readyz} answers 503, new SSE streams and API publishes 503.</li>
 *   <li>The listening socket closes: no new connection is accepted.</li>
 *   <li>Publishes handed to the broker and publish API requests in progress are waited for, so what
 *       was accepted is delivered (queued on the recipients' connections) before anything closes.</li>
 *   <li>Clients are told, each behind what is already queued for it: SocketCluster sockets close with
 *       1001 "Server is shutting down"; Engine.IO sessions close, so Socket.IO sockets disconnect with
 *       reason "server shutting down" (clients see "transport close" and reconnect); SSE streams get a
 *       {@code : server shutting down} comment and end; idle plain-HTTP connections close, except the
 *       keep-alive connection of a polling session between two polls: it stays until the client's next
 *       polls fetch what was queued and the close packet, after which the server closes it.</li>
 *   <li>Connections are waited for until the deadline, then cut; {@link NettyServer#close()} releases
 *       the rest.</li>
 * </ol>
 * Every connection is tracked in {@link #channels()} by {@link MetricsHandler}. Runs on the caller's
 * thread, which it blocks; idempotent through {@link NettyServer#close()}.
 */
final class GracefulShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardServer.class);

    private final NettyServer server;
    private final ChannelGroup channels = new DefaultChannelGroup("switchboard", GlobalEventExecutor.INSTANCE);
    private volatile boolean draining;

    GracefulShutdown(NettyServer server) {
        this.server = server;
    }

    ChannelGroup channels() {
        return channels;
    }

    boolean isDraining() {
        return draining;
    }

    void run(Duration deadline, Channel listening) {
        if (draining) {
            return;
        }
        draining = true;
        long end = System.nanoTime() + deadline.toNanos();
        LOG.info("Shutting down: draining {} connections for up to {} ms", channels.size(), deadline.toMillis());
        try {
            if (listening != null) {
                listening.close().await(Math.max(1, left(end)), TimeUnit.NANOSECONDS);
            }
            boolean published = server.metricsCounters().awaitNoPublishInFlight(end);
            boolean answered = server.httpApi().awaitIdle(end);
            if (!published || !answered) {
                LOG.warn("Shutdown deadline passed with publishes or API requests still in progress");
            }
            server.tellClients();
            for (Channel channel : channels) {
                // Plain HTTP: idle keep-alive and answered polls close; a polling session's connection
                // stays until its client has polled what is left and the close packet.
                if (channel.pipeline().get("router") != null && !EioPolling.awaitsFinalPoll(channel)) {
                    channel.close();
                }
            }
            if (!channels.newCloseFuture().await(Math.max(1, left(end)), TimeUnit.NANOSECONDS)) {
                LOG.warn("Shutdown deadline passed; cutting {} connections", channels.size());
                channels.close().await(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
        LOG.info("Switchboard stopped");
    }

    private static long left(long end) {
        return end - System.nanoTime();
    }
}
