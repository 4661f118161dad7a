package dev.switchboard.server;

import dev.switchboard.core.internal.IoUringIoVecBound;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.lang.reflect.Field;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's event loops: one acceptor and one I/O loop per core, on native epoll where it loads,
 * else NIO. {@code -Dswitchboard.transport=io_uring} opts in to Netty's io_uring transport, {@code =nio}
 * asks for NIO; a transport that does not load falls back to the next (io_uring, epoll, NIO).
 *
 * <p>Why epoll is the default: io_uring was the default from 2026-12-06 to 2026-12-07, and in that time
 * one CI run of the test suite (2026-12-07) died in native code: glibc aborted a thread's exit with
 * "tcache_thread_shutdown(): unaligned tcache chunk detected", a small heap block written after it was
 * freed. Switchboard writes native memory only through Netty's bounds-checked buffers, and no run of
 * the suite on epoll (every run before that day) did this; Netty 4.2.18's io_uring transport is the only
 * native code that came with the switch, and it hands the kernel small native buffers to write into
 * (accepted addresses, the eventfd counter). Repeating the suite and targeted churn here did not
 * reproduce it, so the cause is not known; until it is, io_uring is for those who measure it on their
 * kernel.
 *
 * <p>What io_uring gives: it submits a loop pass's writes to all its sockets in one system call instead
 * of one {@code writev} each; with Netty's iovec array bounded ({@link IoUringIoVecBound}) it matched or
 * beat epoll in the load harness's scenarios on the AMD machine of 2026-12-06 (BENCHMARKS.md): fan-out to
 * 10,000 sockets 1.36x the deliveries per CPU-second, many rooms 2.1x, F3's p99 at 1,000 sockets 15.5 ms
 * against 25.3. Netty reads that bound once per process, when its io_uring class loads, and Lettuce's
 * transport probe loads it: the Redis broker sets the bound before Lettuce starts, and if something else
 * loaded io_uring first, this class takes epoll and logs why ({@link #boundMissed}). On io_uring writes
 * complete after the loop pass, so a channel closed in the pass drops them; {@link
 * EioUpgrade#closeWebSocket} closes when its close frame has left ({@code WebSocketCloseOrderTest}).
 * Created by {@link #start()}, released by {@link #shutdown()}.
 */
final class ServerLoops {
    /** The transports, in the order a request falls back through them. */
    enum Transport { IO_URING, EPOLL, NIO }

    private static final Logger LOG = LoggerFactory.getLogger(ServerLoops.class);
    private static final String IOVEC_PROPERTY = IoUringIoVecBound.PROPERTY;
    private static final int IOV_MAX = IoUringIoVecBound.IOV_MAX;

    private final Transport transport;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;

    private ServerLoops(Transport transport, EventLoopGroup boss, EventLoopGroup workers) {
        this.transport = transport;
        this.boss = boss;
        this.workers = workers;
    }

    static ServerLoops start() {
        Transport transport = pick(System.getProperty("switchboard.transport", "epoll"));
        IoHandlerFactory handlers = switch (transport) {
            case IO_URING -> io.netty.channel.uring.IoUringIoHandler.newFactory();
            case EPOLL -> io.netty.channel.epoll.EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, handlers);
        // One loop per core, not Netty's two: loops only do I/O, and two on one core split every fan-out.
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(), handlers);
        LoopStarts.install(workers);
        return new ServerLoops(transport, boss, workers);
    }

    private static Transport pick(String requested) {
        Transport wanted = switch (requested.toLowerCase(Locale.ROOT).replace("-", "_")) {
            case "io_uring", "iouring" -> Transport.IO_URING;
            case "nio" -> Transport.NIO;
            case "epoll" -> Transport.EPOLL;
            default -> {
                LOG.warn("Unknown switchboard.transport '{}' (io_uring, epoll or nio): using epoll", requested);
                yield Transport.EPOLL;
            }
        };
        if (wanted == Transport.IO_URING) {
            IoUringIoVecBound.apply();
        }
        if (wanted == Transport.IO_URING && io.netty.channel.uring.IoUring.isAvailable()) {
            OptionalInt read = nettyIoVecs();
            if (read.isEmpty() || !boundMissed(read.getAsInt(), System.getProperty(IOVEC_PROPERTY))) {
                return Transport.IO_URING;
            }
            LOG.warn("io_uring was loaded before Switchboard could bound its iovec array ({}={} instead of {}): "
                    + "fan-out would submit empty writes, so the server uses epoll. Start the server before other "
                    + "io_uring users, or set -D{}={}",
                    IOVEC_PROPERTY, read.getAsInt(), IOV_MAX, IOVEC_PROPERTY, IOV_MAX);
        }
        if (wanted != Transport.NIO && io.netty.channel.epoll.Epoll.isAvailable()) {
            return Transport.EPOLL;
        }
        return Transport.NIO;
    }

    /**
     * Whether Netty's io_uring class read its iovec bound before {@link IoUringIoVecBound} set it, e.g. because
     * Lettuce probed io_uring first (a Redis broker created before the server): the value it holds then is
     * its unbounded default, not the property's. A value the user chose is kept, whatever it is.
     */
    static boolean boundMissed(int nettyRead, String property) {
        return nettyRead > IOV_MAX && !Integer.toString(nettyRead).equals(property);
    }

    /** The iovec bound Netty's io_uring class read when it loaded; empty if this Netty does not expose it. */
    static OptionalInt nettyIoVecs() {
        try {
            Field field = io.netty.channel.uring.IoUring.class.getDeclaredField("NUM_ELEMENTS_IOVEC");
            field.setAccessible(true);
            return OptionalInt.of(field.getInt(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    Transport transport() {
        return transport;
    }

    EventLoopGroup boss() {
        return boss;
    }

    EventLoopGroup workers() {
        return workers;
    }

    Class<? extends ServerChannel> serverChannelClass() {
        return switch (transport) {
            case IO_URING -> io.netty.channel.uring.IoUringServerSocketChannel.class;
            case EPOLL -> io.netty.channel.epoll.EpollServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    /** The client channel class of this transport (for connections a test makes on these loops). */
    Class<? extends io.netty.channel.Channel> socketChannelClass() {
        return switch (transport) {
            case IO_URING -> io.netty.channel.uring.IoUringSocketChannel.class;
            case EPOLL -> io.netty.channel.epoll.EpollSocketChannel.class;
            case NIO -> io.netty.channel.socket.nio.NioSocketChannel.class;
        };
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
