package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.spi.BrokerException;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SioSocket;
import dev.switchboard.server.SwitchboardServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Java {@link RedisEmitter} against two Switchboard nodes on a real Redis, with WebSocket clients on
 * the nodes receiving: SocketCluster publications, Socket.IO emits to namespaces and rooms (binary
 * included), socketsJoin, socketsLeave, disconnectSockets and serverSideEmit; failures while Redis is down.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisEmitterTest {
    @AutoClose
    private final Closer closer = new Closer();
    private RedisServer redis;

    private RedisBrokerOptions options() {
        return RedisBrokerOptions.builder(redis.uri()).prefix("em").socketIoKey("em.io")
                .commandTimeout(Duration.ofSeconds(1)).maxReconnectDelay(Duration.ofMillis(300)).build();
    }

    private List<SwitchboardServer> nodes(int count) {
        redis = closer.track(RedisServer.start());
        List<SwitchboardServer> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RedisBroker broker = closer.track(RedisBroker.create(options()));
            SwitchboardServer server = closer.track(SwitchboardServer.create(
                    ServerOptions.builder().host("127.0.0.1").port(0).broker(broker).build()).start());
            String room = "node" + i;
            server.socketIo().sockets().onConnection(socket -> socket.join(room));
            nodes.add(server);
        }
        await().atMost(WsPeer.WAIT).until(() -> Resp.numsub(redis.port, "em.io-request#/#") == count);
        return nodes;
    }

    private static SioSocket onlySocket(SwitchboardServer node) {
        return node.socketIo().sockets().sockets().values().iterator().next();
    }

    @Test
    void publishesToSocketClusterChannelsOnEveryNodeInOrder() {
        List<SwitchboardServer> nodes = nodes(2);
        ScPeer onA = closer.track(new ScPeer(nodes.get(0).port()));
        ScPeer onB = closer.track(new ScPeer(nodes.get(1).port()));
        onA.subscribe("news");
        onB.subscribe("news");
        RedisEmitter emitter = closer.track(RedisEmitter.create(options()));

        for (int i = 0; i < 10; i++) {
            emitter.publish("news", Map.of("i", i)).orTimeout(5, TimeUnit.SECONDS).join();
        }

        for (ScPeer peer : List.of(onA, onB)) {
            for (int i = 0; i < 10; i++) {
                assertThat(peer.nextPublication("news").get("i").asInt()).isEqualTo(i);
            }
            peer.assertNoPublication("news", Duration.ofMillis(200));
        }
    }

    @Test
    void emitsToSocketIoNamespacesAndRoomsAndRunsTheRoomOperations() throws Exception {
        List<SwitchboardServer> nodes = nodes(2);
        List<List<Object>> heard = new CopyOnWriteArrayList<>();
        nodes.forEach(n -> n.socketIo().sockets().onServerSideEmit("reload", (args, ack) -> heard.add(args.values())));
        SioPeer onA = closer.track(new SioPeer(nodes.get(0).port()));
        SioPeer onB = closer.track(new SioPeer(nodes.get(1).port()));
        await().atMost(WsPeer.WAIT).until(() -> onlySocket(nodes.get(0)).rooms().contains("node0")
                && onlySocket(nodes.get(1)).rooms().contains("node1"));
        RedisEmitter emitter = closer.track(RedisEmitter.create(options()));
        SocketIoEmitter io = emitter.socketIo();

        io.emit("everyone", 1, Map.of("k", "v")).get(5, TimeUnit.SECONDS);
        assertThat(onA.nextEvent("everyone").get(2).get("k").asString()).isEqualTo("v");
        assertThat(onB.nextEvent("everyone").get(1).asInt()).isEqualTo(1);

        io.to("node1").emit("roomOnly", "b").get(5, TimeUnit.SECONDS);
        io.except("node1").emit("notB", new byte[] {7, 8}).get(5, TimeUnit.SECONDS);
        assertThat(onB.nextEvent("roomOnly").get(1).asString()).isEqualTo("b");
        onA.awaitBinaryEvent("notB");
        onA.assertNoEvent("roomOnly", Duration.ofMillis(300));
        onB.assertNoEvent("notB", Duration.ZERO);

        io.in(onA.sid, onB.sid).socketsJoin("vip").get(5, TimeUnit.SECONDS);
        await().atMost(WsPeer.WAIT).until(() -> onlySocket(nodes.get(0)).rooms().contains("vip")
                && onlySocket(nodes.get(1)).rooms().contains("vip"));
        io.in("node0").socketsLeave("vip").get(5, TimeUnit.SECONDS);
        await().atMost(WsPeer.WAIT).until(() -> !onlySocket(nodes.get(0)).rooms().contains("vip"));
        io.to("vip").emit("vipNews").get(5, TimeUnit.SECONDS);
        onB.nextEvent("vipNews");
        onA.assertNoEvent("vipNews", Duration.ofMillis(300));

        io.serverSideEmit("reload", "config", 3).get(5, TimeUnit.SECONDS);
        await().atMost(WsPeer.WAIT).until(() -> heard.size() == 2);
        assertThat(heard).allSatisfy(args -> assertThat(args.get(0)).isEqualTo("config"));

        io.in("node0").disconnectSockets(false).get(5, TimeUnit.SECONDS);
        onA.awaitServerDisconnect();
        await().atMost(WsPeer.WAIT).until(() -> nodes.get(0).socketIo().sockets().sockets().isEmpty());
        assertThat(nodes.get(1).socketIo().sockets().sockets()).hasSize(1);
        assertThatThrownBy(() -> io.emit("disconnect")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherNamespacesAreSeparate() throws Exception {
        List<SwitchboardServer> nodes = nodes(1);
        nodes.get(0).socketIo().of("/admin");
        await().atMost(WsPeer.WAIT).until(() -> Resp.numsub(redis.port, "em.io-request#/admin#") == 1);
        SioPeer main = closer.track(new SioPeer(nodes.get(0).port()));
        RedisEmitter emitter = closer.track(RedisEmitter.create(options()));

        emitter.of("admin").emit("secret").get(5, TimeUnit.SECONDS);
        emitter.socketIo().emit("public").get(5, TimeUnit.SECONDS);

        main.nextEvent("public");
        main.assertNoEvent("secret", Duration.ofMillis(300));
        assertThat(emitter.of("admin").namespace()).isEqualTo("/admin");
    }

    @Test
    void failsVisiblyWhileRedisIsDown() {
        nodes(1);
        RedisEmitter emitter = closer.track(RedisEmitter.create(options()));
        redis.kill();

        assertThat(emitter.publish("news", "x")).failsWithin(Duration.ofSeconds(3)).withThrowableThat().havingCause()
                .isInstanceOf(BrokerException.class);
        assertThat(emitter.socketIo().emit("e")).failsWithin(Duration.ofSeconds(3)).withThrowableThat().havingCause()
                .isInstanceOf(BrokerException.class);
        emitter.close();
        assertThat(emitter.publish("news", "x")).isCompletedExceptionally();
    }

    @Test
    void cannotConnectToNothing() {
        int port = RedisServer.freePort();
        assertThatThrownBy(() -> RedisEmitter.create(RedisBrokerOptions.builder("redis://127.0.0.1:" + port)
                .commandTimeout(Duration.ofSeconds(1)).build())).isInstanceOf(BrokerException.class);
    }

}
