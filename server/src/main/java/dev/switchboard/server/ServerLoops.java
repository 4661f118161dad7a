package dev.switchboard.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The server's event loops: one acceptor and one I/O loop per core, on native epoll where it loads
 * (fewer syscalls, no selector garbage) and NIO elsewhere or when {@code -Dswitchboard.transport=nio}
 * asks for it. Created by {@link #start()}, released by {@link #shutdown()}.
 */
final class ServerLoops {
    private final boolean epoll;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;

    private ServerLoops(boolean epoll, EventLoopGroup boss, EventLoopGroup workers) {
        this.epoll = epoll;
        this.boss = boss;
        this.workers = workers;
    }

    static ServerLoops start() {
        boolean epoll = !"nio".equals(System.getProperty("switchboard.transport"))
                && io.netty.channel.epoll.Epoll.isAvailable();
        IoHandlerFactory handlers = epoll ? io.netty.channel.epoll.EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, handlers);
        // One loop per core, not Netty's two: loops only do I/O, and two on one core split every fan-out.
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), handlers);
        LoopStarts.install(workers);
        return new ServerLoops(epoll, boss, workers);
    }

    boolean epoll() {
        return epoll;
    }

    EventLoopGroup boss() {
        return boss;
    }

    EventLoopGroup workers() {
        return workers;
    }

    Class<? extends ServerChannel> serverChannelClass() {
        return epoll ? io.netty.channel.epoll.EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * Stops accepting at once, then the I/O loops, within 2 s. A stopping loop closes its channels before
     * it runs its queued tasks, so callers first wait for the writes that must leave (see NettyServer.close).
     */
    void shutdown() {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(50, 2000, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
