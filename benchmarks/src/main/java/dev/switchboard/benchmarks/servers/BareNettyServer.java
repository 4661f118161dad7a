package dev.switchboard.benchmarks.servers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The practical limit: Netty's own HTTP upgrade and WebSocket codec, one event loop, and just
 * enough SocketCluster (handshake, subscribe, publish, echo) for the same generator adapter, with no
 * framework between bytes and sockets. Usage: {@code BareNettyServer <port>}. It picks its transport
 * as Switchboard does: epoll, else NIO; {@code -Dswitchboard.transport=io_uring} (or {@code =nio}) asks
 * for another, and the harness asks for io_uring for its {@code -uring} kinds.
 */
public final class BareNettyServer {
    private BareNettyServer() {}

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        String transport = System.getProperty("switchboard.transport", "epoll").toLowerCase(java.util.Locale.ROOT)
                .replace("-", "_");
        // As ServerLoops.pick: io_uring is opt-in.
        boolean wantUring = "io_uring".equals(transport) || "iouring".equals(transport);
        if (wantUring && System.getProperty("io.netty.iouring.numElementsIoVec") == null) {
            // The same work-around as Switchboard's ServerLoops: Netty 4.2's shared iovec array otherwise
            // hands out empty gathering writes past 1,024 iovecs in one loop pass.
            System.setProperty("io.netty.iouring.numElementsIoVec", "1024");
        }
        boolean uring = wantUring && IoUring.isAvailable();
        boolean epoll = !uring && !"nio".equals(transport) && Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, uring ? IoUringIoHandler.newFactory()
                : epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        BareRooms rooms = new BareRooms();
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/socketcluster/").maxFramePayloadLength(1 << 20).build();
        Channel server = new ServerBootstrap().group(group)
                .channel(uring ? IoUringServerSocketChannel.class : epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                new WebSocketServerProtocolHandler(ws), new BareHandler(rooms));
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        Control.readyAndServe(((java.net.InetSocketAddress) server.localAddress()).getPort());
    }
}
