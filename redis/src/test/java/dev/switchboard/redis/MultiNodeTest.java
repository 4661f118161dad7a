package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.spi.BrokerException;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SwitchboardServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Two and three Switchboard servers in one JVM, each with its own {@link RedisBroker} on one Redis:
 * SocketCluster publications and Socket.IO room broadcasts reach clients on every node, and while
 * Redis is down each node still delivers its own publications.
 */
@Timeout(value = 45, unit = TimeUnit.SECONDS)
class MultiNodeTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static RedisServer sharedRedis;

    @AutoClose
    private final Closer closer = new Closer();
    private final String prefix = "mn" + PREFIXES.incrementAndGet();

    @BeforeAll
    static void startRedis() {
        sharedRedis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        sharedRedis.close();
    }

    /** A server on a free port whose broker uses {@code redis}; its Socket.IO main namespace exists. */
    private SwitchboardServer node(RedisServer redis) {
        RedisBroker broker = closer.track(RedisBroker.create(RedisBrokerOptions.builder(redis.uri()).prefix(prefix)
                .socketIoKey(prefix).commandTimeout(Duration.ofSeconds(1)).maxReconnectDelay(Duration.ofMillis(300)).build()));
        SwitchboardServer server = closer.track(SwitchboardServer.create(
                ServerOptions.builder().host("127.0.0.1").port(0).broker(broker).build()).start());
        server.socketIo().sockets();
        return server;
    }

    private List<SwitchboardServer> nodes(RedisServer redis, int count) {
        List<SwitchboardServer> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(node(redis));
        }
        // Socket.IO namespaces subscribe their adapter channels without waiting: wait for Redis to see them.
        await().atMost(WsPeer.WAIT).until(() -> Resp.numsub(redis.port, prefix + "-request#/#") == count);
        return nodes;
    }

    private ScPeer sc(SwitchboardServer node) {
        return closer.track(new ScPeer(node.port()));
    }

    @Test
    void clientPublishOnOneNodeReachesSubscribersOnBoth() {
        List<SwitchboardServer> nodes = nodes(sharedRedis, 2);
        ScPeer onA = sc(nodes.get(0));
        ScPeer onB = sc(nodes.get(1));
        onA.subscribe("news");
        onB.subscribe("news");

        JsonNode reply = onB.publish("news", "{\"headline\":\"hello\"}");

        assertThat(reply.has("error")).as("publish reply %s", reply).isFalse();
        assertThat(onA.nextPublication("news").get("headline").asString()).isEqualTo("hello");
        assertThat(onB.nextPublication("news").get("headline").asString()).isEqualTo("hello");
        onA.assertNoPublication("news", QUIET);
        onB.assertNoPublication("news", Duration.ZERO);
    }

    @Test
    void serverPublishOnOneNodeReachesEveryNodeOnceInOrder() {
        List<SwitchboardServer> nodes = nodes(sharedRedis, 3);
        List<ScPeer> clients = nodes.stream().map(this::sc).toList();
        clients.forEach(c -> c.subscribe("feed"));
        SwitchboardServer publisher = nodes.get(1);

        for (int i = 0; i < 20; i++) {
            publisher.exchange().invokePublish("feed", Map.of("i", i)).orTimeout(5, TimeUnit.SECONDS).join();
        }

        for (ScPeer client : clients) {
            for (int i = 0; i < 20; i++) {
                assertThat(client.nextPublication("feed").get("i").asInt()).isEqualTo(i);
            }
        }
        clients.forEach(c -> c.assertNoPublication("feed", QUIET));
    }

    @Test
    void serverSideSubscriberReceivesPublicationsOfOtherNodes() {
        List<SwitchboardServer> nodes = nodes(sharedRedis, 2);
        var consumer = nodes.get(0).exchange().subscribe("jobs").createConsumer();
        closer.track(consumer::close);
        ScPeer onB = sc(nodes.get(1));

        onB.publish("jobs", "{\"id\":7}");

        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> consumer.next().asMap().get("id"));
        assertThat(first).succeedsWithin(WsPeer.WAIT).isEqualTo(7);
    }

    @Test
    void socketIoRoomBroadcastCrossesNodes() throws Exception {
        List<SwitchboardServer> nodes = nodes(sharedRedis, 2);
        Semaphore joined = new Semaphore(0);
        nodes.get(0).socketIo().sockets().onConnection(socket -> {
            socket.join("r");
            joined.release();
        });
        SioPeer inRoom = closer.track(new SioPeer(nodes.get(0).port()));
        assertThat(joined.tryAcquire(5, TimeUnit.SECONDS)).isTrue();
        SioPeer otherNodeClient = closer.track(new SioPeer(nodes.get(1).port()));

        nodes.get(1).socketIo().to("r").emit("hello", "world", 42);

        JsonNode args = inRoom.nextEvent("hello");
        assertThat(args.get(1).asString()).isEqualTo("world");
        assertThat(args.get(2).asInt()).isEqualTo(42);
        otherNodeClient.assertNoEvent("hello", QUIET);

        nodes.get(1).socketIo().except("r").emit("others", 1);
        nodes.get(1).socketIo().emit("everyone", 2);
        assertThat(inRoom.nextEvent("everyone").get(1).asInt()).isEqualTo(2);
        assertThat(otherNodeClient.nextEvent("others").get(1).asInt()).isEqualTo(1);
        inRoom.assertNoEvent("others", QUIET);
    }

    @Test
    void whileRedisIsDownNodesDeliverLocallyAndCrossNodeDeliveryResumesAfterwards() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            List<SwitchboardServer> nodes = nodes(redis, 2);
            SwitchboardServer a = nodes.get(0);
            ScPeer publisherOnA = sc(a);
            ScPeer subscriberOnA = sc(a);
            ScPeer subscriberOnB = sc(nodes.get(1));
            subscriberOnA.subscribe("news");
            subscriberOnB.subscribe("news");
            Semaphore joined = new Semaphore(0);
            a.socketIo().sockets().onConnection(socket -> {
                socket.join("r");
                joined.release();
            });
            SioPeer roomOnA = closer.track(new SioPeer(a.port()));
            assertThat(joined.tryAcquire(5, TimeUnit.SECONDS)).isTrue();

            redis.kill();

            JsonNode reply = publisherOnA.publish("news", "{\"n\":1}");
            assertThat(reply.get("error").get("name").asString()).as("the publish fails visibly").isEqualTo("BrokerError");
            assertThat(subscriberOnA.nextPublication("news").get("n").asInt()).isEqualTo(1);
            CompletableFuture<Void> serverPublish = a.exchange().invokePublish("news", Map.of("n", 2));
            assertThat(serverPublish).failsWithin(Duration.ofSeconds(3)).withThrowableThat().havingCause()
                    .isInstanceOf(BrokerException.class);
            assertThat(subscriberOnA.nextPublication("news").get("n").asInt()).isEqualTo(2);
            a.socketIo().to("r").emit("local", "still");
            assertThat(roomOnA.nextEvent("local").get(1).asString()).isEqualTo("still");
            subscriberOnB.assertNoPublication("news", QUIET);

            redis.restart();
            long back = System.nanoTime();
            // publishing works again once A's connection is back; B's subscription may return a moment later
            // (each connection reconnects on its own), so publish until B hears one
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
                JsonNode r = publisherOnA.publish("news", "{\"n\":3}");
                if (r.has("error")) {
                    return false;
                }
                try {
                    return subscriberOnB.nextPublication("news", Duration.ofMillis(300)).get("n").asInt() == 3;
                } catch (AssertionError notYet) {
                    return false;
                }
            });
            assertThat(Duration.ofNanos(System.nanoTime() - back)).as("cross-node delivery back within 5 s")
                    .isLessThan(Duration.ofSeconds(5));
            await().atMost(WsPeer.WAIT).until(() -> Resp.numsub(redis.port, prefix + "-request#/#") == 2);
            nodes.get(1).socketIo().to("r").emit("remote", "again");
            assertThat(roomOnA.nextEvent("remote").get(1).asString()).isEqualTo("again");
        }
    }
}
