package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.EventExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SwitchboardServer#close()} against an Engine.IO long-polling client whose GET is pending. The
 * close packet for that GET is written from the closing thread, so it waits in the event loop's task
 * queue; a Netty loop that starts shutting down closes its channels before it runs its queue. The test
 * holds the I/O loops, as a busy machine that deschedules the loop thread would, so the close sequence
 * reaches the loops' shutdown while the answer is still queued, unless it waits for it. The official
 * client saw the cut poll as an "xhr poll error" ("transport error" instead of "transport close").
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EioCloseRaceTest {
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    @Test
    void aPendingPollGetsTheClosePacketEvenWhenTheLoopIsLateDuringClose() throws Exception {
        NettyServer server = (NettyServer) SwitchboardServer.create(
                ServerOptions.builder().host("127.0.0.1").port(0).build()).start();
        Thread closing = null;
        CountDownLatch release = new CountDownLatch(1);
        java.util.List<AutoCloseable> holders = new java.util.ArrayList<>();
        try (Socket poll = new Socket("127.0.0.1", server.port())) {
            poll.setSoTimeout(5000);
            String target = "/socket.io/?EIO=4&transport=polling&sid=" + handshake(server.port());
            // The OPTIONS behind the GET is answered only once the GET is parked as the pending poll.
            poll.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    + "OPTIONS " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(read(poll.getInputStream()).status).isEqualTo(204);

            // Each I/O loop blocks inside a read (in its I/O phase, where a descheduled loop thread would
            // be), so what the close queues for it stays queued.
            CountDownLatch held = new CountDownLatch(0);
            for (EventExecutor loop : server.loops().workers()) {
                held = holdInRead((io.netty.channel.EventLoop) loop, server.loops().socketChannelClass(), release, holders);
                assertThat(held.await(5, TimeUnit.SECONDS)).as("loop held").isTrue();
            }
            closing = Thread.ofVirtual().start(server::close);
            // Bounded on purpose: a close that waits for the queued answer never starts the shutdown, so
            // the condition is only met when the race is open; 300 ms is far below close()'s 1 s deadline.
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (!allShuttingDown(server) && System.nanoTime() < end) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            release.countDown();

            Response answer = read(poll.getInputStream());
            assertThat(answer.status).isEqualTo(200);
            assertThat(answer.body).isEqualTo("1");
        } finally {
            release.countDown();
            if (closing != null) {
                closing.join(5000);
            }
            server.close();
            for (AutoCloseable holder : holders) {
                holder.close();
            }
        }
    }

    /**
     * Connects a channel on {@code loop} to a plain socket of the test and sends it one byte; its handler
     * blocks in that read until {@code release}. Returns a latch that opens once the loop is blocked.
     */
    private static CountDownLatch holdInRead(io.netty.channel.EventLoop loop,
            Class<? extends io.netty.channel.Channel> channelClass, CountDownLatch release,
            java.util.List<AutoCloseable> holders) throws IOException {
        CountDownLatch entered = new CountDownLatch(1);
        java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        holders.add(listener);
        io.netty.channel.Channel channel = new io.netty.bootstrap.Bootstrap().group(loop)
                .channel(channelClass)
                .handler(new io.netty.channel.ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
                        io.netty.util.ReferenceCountUtil.release(msg);
                        entered.countDown();
                        awaitQuietly(release);
                    }
                })
                .connect(listener.getLocalSocketAddress()).syncUninterruptibly().channel();
        Socket peer = listener.accept();
        holders.add(peer);
        holders.add(() -> channel.close());
        peer.getOutputStream().write(1);
        return entered;
    }

    private static boolean allShuttingDown(NettyServer server) {
        for (EventExecutor loop : server.loops().workers()) {
            if (!loop.isShuttingDown()) {
                return false;
            }
        }
        return true;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String handshake(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            Response open = read(socket.getInputStream());
            Matcher sid = SID.matcher(open.body);
            assertThat(sid.find()).as("open packet %s", open.body).isTrue();
            return sid.group(1);
        }
    }

    private record Response(int status, String body) {}

    /** One HTTP/1.1 response with a Content-Length body; fails if the connection ends first. */
    private static Response read(InputStream in) throws IOException {
        String status = line(in);
        int length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IOException("connection ended inside a response body");
        }
        return new Response(Integer.parseInt(status.split(" ")[1]), new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection ended before a response" + (out.size() > 0 ? ": " + out : ""));
            }
            if (b != '\r') {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
