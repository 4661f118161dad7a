package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EioUpgrade#closeWebSocket} after data queued in the same event-loop pass, as {@code
 * disconnect(true)} queues its DISCONNECT packets: the client must get the data, then the close frame,
 * then the end of the stream. io_uring completes writes after the pass, and a channel closed before that
 * dropped them: in this test the client got its first write only, or nothing and no end of stream.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketCloseOrderTest {
    private static final int CONNECTIONS = 200;
    private static final byte[] CLOSE_FRAME = {(byte) 0x88, 0};

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "io_uring"})
    void dataQueuedBeforeTheCloseFrameLeavesBeforeTheConnectionCloses(String transport) throws Exception {
        boolean uring = transport.equals("io_uring");
        if (uring) {
            dev.switchboard.core.internal.IoUringIoVecBound.apply();
        }
        assumeTrue(uring ? IoUring.isAvailable() : Epoll.isAvailable(), transport + " is not available here");
        IoHandlerFactory io = uring ? IoUringIoHandler.newFactory() : EpollIoHandler.newFactory();
        Class<? extends ServerChannel> channelClass = uring ? IoUringServerSocketChannel.class : EpollServerSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, io);
        BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
        try {
            Channel server = new ServerBootstrap().group(group).channel(channelClass)
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new WebSocket13FrameEncoder(false), new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelActive(ChannelHandlerContext ctx) {
                                    accepted.add(ctx.channel());
                                }
                            });
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            byte[] first = "first packet".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] second = "second packet".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] expected = concat(first, second, CLOSE_FRAME);
            for (int i = 0; i < CONNECTIONS; i++) {
                try (Socket client = new Socket("127.0.0.1", port)) {
                    client.setSoTimeout(5000);
                    Channel channel = accepted.poll(5, TimeUnit.SECONDS);
                    assertThat(channel).as("accepted connection %d", i).isNotNull();
                    // One task, so the writes and the close meet in one loop pass.
                    channel.eventLoop().execute(() -> {
                        channel.writeAndFlush(Unpooled.wrappedBuffer(first), channel.voidPromise());
                        channel.writeAndFlush(Unpooled.wrappedBuffer(second), channel.voidPromise());
                        EioUpgrade.closeWebSocket(channel);
                    });
                    assertThat(readToEnd(client.getInputStream())).as("bytes on connection %d", i).isEqualTo(expected);
                }
            }
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static byte[] readToEnd(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                got.write(buf, 0, n);
            }
        } catch (java.net.SocketTimeoutException e) {
            got.write("<no end of stream>".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return got.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
