package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.StreamConsumer;
import dev.switchboard.server.Request;
import dev.switchboard.server.ServerEvents;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SwitchboardServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss}: Switchboard attached behind a TLS-terminating Netty pipeline with a self-signed
 * certificate (made with the JDK's keytool); the client trusts it through {@link ClientOptions#sslContext()}.
 */
@Timeout(30)
class ClientTlsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @Test
    void connectsOverWssWithACustomSslContextAndRefusesAnUntrustedCertificate(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);

        SwitchboardServer sb = SwitchboardServer.create(ServerOptions.builder().host("127.0.0.1").port(0).build());
        StreamConsumer<ServerEvents.Connection> connections = sb.listener(ServerEvents.CONNECTION).createConsumer();
        Thread.ofVirtual().start(() -> {
            for (ServerEvents.Connection c : connections) {
                StreamConsumer<Request> echo = c.socket().procedure("echo").createConsumer();
                Thread.ofVirtual().start(() -> {
                    for (Request r : echo) {
                        r.end(r.data());
                    }
                });
            }
        });
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            SSLEngine engine = serverTls.createSSLEngine();
                            engine.setUseClientMode(false);
                            ch.pipeline().addLast(new SslHandler(engine), new HttpServerCodec(),
                                    new HttpObjectAggregator(65536), sb.newHttpHandler());
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) listener.localAddress()).getPort();

            try (SwitchboardClient client = SwitchboardClient.create(ClientOptions.builder().host("127.0.0.1").port(port)
                    .secure(true).sslContext(clientTls).autoConnect(false).build())) {
                assertThat(client.options().uri()).hasToString("wss://127.0.0.1:" + port + "/socketcluster/");
                client.connect().get(10, TimeUnit.SECONDS);
                assertThat(client.invokeAndWait("echo", "over tls").asString()).isEqualTo("over tls");
                assertThat(client.invokeAndWait("echo", Payload.nullValue()).isNull()).isTrue();
            }

            // The JVM's default trust store does not know the self-signed certificate.
            try (SwitchboardClient untrusting = SwitchboardClient.create(ClientOptions.builder().host("127.0.0.1")
                    .port(port).secure(true).autoConnect(false).autoReconnect(false).build())) {
                ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> untrusting.connect().get(10, TimeUnit.SECONDS));
                assertThat(e.getCause()).isInstanceOfSatisfying(SocketProtocolException.class, s -> {
                    assertThat(s.code()).isEqualTo(1006);
                    assertThat(s.getMessage()).contains("SSLHandshakeException");
                });
            }
            listener.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            sb.close();
        }
    }
}
