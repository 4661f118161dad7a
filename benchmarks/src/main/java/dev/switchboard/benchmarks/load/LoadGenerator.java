package dev.switchboard.benchmarks.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Owns the client event loop (one thread: the generator gets one core) and opens connections with a
 * bounded number of handshakes in flight. Scenario code runs on {@link #loop()} through {@link #onLoop}.
 * Given several ports (the nodes of one cluster), each {@link #connect} call spreads its connections
 * over them round-robin, starting at the first: connection i of a call goes to {@code ports[i % size]}.
 */
public final class LoadGenerator implements AutoCloseable {
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final Protocol protocol;
    private final String host;
    private final List<Integer> ports;
    private final List<WsConn> all = new ArrayList<>();

    // Connect bookkeeping, loop thread only.
    private int toStart;
    private int inFlight;
    private int concurrency;
    private int started;
    private int failed;
    private final List<WsConn> readyConns = new ArrayList<>();
    private Histogram connectNanos;
    private CompletableFuture<Void> connectDone;

    public LoadGenerator(Protocol protocol, String host, int port) {
        this(protocol, host, List.of(port));
    }

    public LoadGenerator(Protocol protocol, String host, List<Integer> ports) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("no ports");
        }
        // -Dswitchboard.bench.genTransport=io_uring (GEN_JAVA_OPTS in run.sh) for comparing generator
        // transports; epoll is the default. The iovec bound is Switchboard's ServerLoops work-around.
        boolean wantUring = "io_uring".equals(System.getProperty("switchboard.bench.genTransport"));
        if (wantUring && System.getProperty("io.netty.iouring.numElementsIoVec") == null) {
            System.setProperty("io.netty.iouring.numElementsIoVec", "1024");
        }
        boolean uring = wantUring && IoUring.isAvailable();
        boolean epoll = !uring && Epoll.isAvailable();
        IoHandlerFactory io = uring ? IoUringIoHandler.newFactory()
                : epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(1, io);
        this.loop = group.next();
        this.protocol = protocol;
        this.host = host;
        this.ports = List.copyOf(ports);
        this.bootstrap = new Bootstrap().group(group)
                .channel(uring ? IoUringSocketChannel.class
                        : epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }

    public EventLoop loop() {
        return loop;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** Runs {@code task} on the event loop and waits (bounded) for its result. */
    public <T> T onLoop(Callable<T> task) {
        try {
            return loop.submit(task).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("event-loop task failed", e);
        }
    }

    public void onLoop(Runnable task) {
        onLoop(() -> {
            task.run();
            return null;
        });
    }

    /** The result of {@link #connect}: ready connections, failures, and connect-to-ready times. */
    public record Connected(List<WsConn> conns, int failed, Histogram connectNanos, double seconds) {}

    /**
     * Opens {@code n} connections, at most {@code concurrency} handshakes at a time, and waits until
     * each is ready (protocol handshake answered) or failed, or {@code timeout} passes.
     */
    public Connected connect(int n, int concurrency, Duration timeout) {
        long t0 = System.nanoTime();
        CompletableFuture<Void> done = onLoop(() -> {
            toStart = n;
            started = 0;
            failed = 0;
            inFlight = 0;
            this.concurrency = concurrency;
            readyConns.clear();
            connectNanos = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            connectDone = new CompletableFuture<>();
            if (n == 0) {
                connectDone.complete(null);
            }
            startMore();
            return connectDone;
        });
        try {
            done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Timed out: report what connected.
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return onLoop(() -> new Connected(List.copyOf(readyConns), failed + (toStart - started) + inFlight,
                connectNanos.copy(), seconds));
    }

    private void startMore() {
        while (inFlight < concurrency && started < toStart) {
            int port = ports.get(started % ports.size());
            WsConn conn = new WsConn(all.size(), this, protocol, host + ":" + port);
            all.add(conn);
            started++;
            inFlight++;
            ChannelFuture f = bootstrap.clone().remoteAddress(host, port).handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(conn);
                }
            }).connect();
            f.addListener(r -> {
                if (!r.isSuccess()) {
                    onFailed(conn);
                }
            });
        }
    }

    void onReady(WsConn conn) {
        if (connectDone == null || connectDone.isDone()) {
            return;
        }
        connectNanos.recordValue(Math.min(System.nanoTime() - conn.connectStartNanos, connectNanos.getHighestTrackableValue()));
        readyConns.add(conn);
        finishOne();
    }

    void onFailed(WsConn conn) {
        if (connectDone == null || connectDone.isDone() || conn.isReady()) {
            return;
        }
        failed++;
        finishOne();
    }

    private void finishOne() {
        inFlight--;
        if (started == toStart && inFlight == 0) {
            connectDone.complete(null);
        } else {
            startMore();
        }
    }

    /** Every connection this generator opened (ready or not). */
    public List<WsConn> all() {
        return onLoop(() -> List.copyOf(all));
    }

    /** Closes every connection and stops the event loop; bounded in time. */
    @Override
    public void close() {
        try {
            onLoop(() -> {
                for (WsConn c : all) {
                    Channel ch = c.channel();
                    if (ch != null) {
                        ch.close();
                    }
                }
            });
        } catch (RuntimeException ignored) {
            // the loop may already be gone
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
