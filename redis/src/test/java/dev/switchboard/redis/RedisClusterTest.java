package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.Payload;
import dev.switchboard.core.spi.Publication;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A three-master Redis Cluster on loopback: sharded pub/sub (SPUBLISH/SSUBSCRIBE over hash-tagged
 * partitions) and classic cluster pub/sub carry publications between nodes, and sharded subscriptions
 * come back after Redis cut every connection.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static RedisCluster cluster;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final String prefix = "cl" + PREFIXES.incrementAndGet();

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    private RedisBroker broker(RedisBrokerOptions.Mode mode, Recorder sink) {
        RedisBroker broker = RedisBroker.create(RedisBrokerOptions.builder(cluster.uri()).mode(mode).prefix(prefix)
                .commandTimeout(Duration.ofSeconds(2)).maxReconnectDelay(Duration.ofMillis(300)).build());
        resources.add(broker);
        if (sink != null) {
            broker.start(sink);
        }
        return broker;
    }

    private static void join(CompletableFuture<?> future) {
        future.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private static List<String> channels(int count) {
        return IntStream.range(0, count).mapToObj(i -> "ch-" + i).toList();
    }

    /** Shard-channel subscribers of each master, summed over {@code redisNames}. */
    private static List<Long> subscribersPerMaster(List<String> redisNames) {
        List<Long> counts = new ArrayList<>();
        for (RedisServer master : cluster.masters) {
            long sum = 0;
            for (String name : redisNames) {
                sum += Resp.shardNumsub(master.port, name);
            }
            counts.add(sum);
        }
        return counts;
    }

    @Test
    void shardedBrokersCarryManyChannelsSpreadOverTheMasters() {
        Recorder b = new Recorder();
        RedisBroker nodeA = broker(RedisBrokerOptions.Mode.SHARDED, new Recorder());
        RedisBroker nodeB = broker(RedisBrokerOptions.Mode.SHARDED, b);
        List<String> channels = channels(30);
        channels.forEach(c -> join(nodeB.subscribe(c)));
        ChannelNames names = new ChannelNames(prefix, true, RedisBrokerOptions.DEFAULT_SHARDED_PARTITIONS);
        List<Long> perMaster = subscribersPerMaster(channels.stream().map(names::redisName).toList());
        assertThat(perMaster.stream().mapToLong(Long::longValue).sum()).isEqualTo(30);
        assertThat(perMaster.stream().filter(n -> n > 0).count()).as("partitions on several masters %s", perMaster)
                .isGreaterThanOrEqualTo(2);

        for (String channel : channels) {
            join(nodeA.publish(channel, Payload.of(Map.of("on", channel))));
        }
        for (int i = 0; i < 50; i++) {
            join(nodeA.publish("ch-0", Payload.of(i)));
        }

        await().atMost(WAIT).until(() -> b.size() == 80);
        for (String channel : channels) {
            assertThat(b.all(channel).get(0).data().asMap()).containsEntry("on", channel);
        }
        List<Publication> ordered = b.all("ch-0");
        for (int i = 0; i < 50; i++) {
            assertThat(ordered.get(i + 1).data().asLong()).isEqualTo(i);
            assertThat(ordered.get(i + 1).position().offset()).isEqualTo(i + 1);
        }
        RedisServer.sleep(200);
        assertThat(b.size()).as("nothing twice").isEqualTo(80);
    }

    @Test
    void shardedSubscriptionsAreRestoredAfterRedisCutEveryConnection() {
        Recorder b = new Recorder();
        RedisBroker nodeA = broker(RedisBrokerOptions.Mode.SHARDED, new Recorder());
        RedisBroker nodeB = broker(RedisBrokerOptions.Mode.SHARDED, b);
        List<String> channels = channels(12);
        channels.forEach(c -> join(nodeB.subscribe(c)));

        for (RedisServer master : cluster.masters) {
            master.call("CLIENT", "KILL", "TYPE", "normal");
            master.call("CLIENT", "KILL", "TYPE", "pubsub");
        }

        long start = System.nanoTime();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (String channel : channels) {
                if (b.all(channel).isEmpty()) {
                    nodeA.publish(channel, Payload.of("back")).exceptionally(e -> null);
                }
            }
            assertThat(channels).allMatch(c -> !b.all(c).isEmpty());
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
        assertThat(nodeB.stats().resyncs()).isPositive();
    }

    @Test
    void classicClusterPubSubCrossesNodes() {
        Recorder b = new Recorder();
        RedisBroker nodeA = broker(RedisBrokerOptions.Mode.CLUSTER, new Recorder());
        RedisBroker nodeB = broker(RedisBrokerOptions.Mode.CLUSTER, b);
        List<String> channels = channels(10);
        channels.forEach(c -> join(nodeB.subscribe(c)));

        channels.forEach(c -> join(nodeA.publish(c, Payload.of(c))));

        await().atMost(WAIT).until(() -> b.size() == channels.size());
        assertThat(b.all().stream().map(p -> p.data().asString()).toList()).containsExactlyInAnyOrderElementsOf(channels);
    }

    @Test
    void serversOnShardedBrokersShareChannelsAndRooms() throws Exception {
        List<SwitchboardServer> nodes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            RedisBroker broker = broker(RedisBrokerOptions.Mode.SHARDED, null);
            SwitchboardServer server = SwitchboardServer.create(
                    ServerOptions.builder().host("127.0.0.1").port(0).broker(broker).build()).start();
            resources.add(server);
            nodes.add(server);
        }
        Semaphore joined = new Semaphore(0);
        nodes.get(0).socketIo().sockets().onConnection(socket -> {
            socket.join("r");
            joined.release();
        });
        nodes.get(1).socketIo().sockets();
        ScPeer client = new ScPeer(nodes.get(0).port());
        resources.add(client);
        client.subscribe("orders");
        SioPeer inRoom = new SioPeer(nodes.get(0).port());
        resources.add(inRoom);
        assertThat(joined.tryAcquire(5, TimeUnit.SECONDS)).isTrue();

        join(nodes.get(1).exchange().invokePublish("orders", Map.of("id", 1)));
        assertThat(client.nextPublication("orders").get("id").asInt()).isEqualTo(1);

        // Namespaces subscribe their hub channel without waiting: wait until Redis shows both nodes.
        ChannelNames names = new ChannelNames(prefix, true, RedisBrokerOptions.DEFAULT_SHARDED_PARTITIONS);
        await().atMost(WAIT).until(() -> subscribersPerMaster(List.of(names.redisName("#sio/"))).stream()
                .mapToLong(Long::longValue).sum() == 2);
        nodes.get(1).socketIo().to("r").emit("hello", "sharded");
        assertThat(inRoom.nextEvent("hello").get(1).asString()).isEqualTo("sharded");
    }
}
