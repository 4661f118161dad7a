package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.SwitchboardException;
import dev.switchboard.core.spi.BrokerException;
import dev.switchboard.server.AckTimeoutException;
import dev.switchboard.server.EventArgs;
import dev.switchboard.server.RemoteSocket;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SwitchboardServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Socket.IO's cluster utilities across two and three Switchboard nodes sharing one real Redis through
 * {@link RedisBroker}s: fetchSockets, socketsJoin, socketsLeave, disconnectSockets, serverSideEmit with
 * acknowledgements and broadcasts collecting client acknowledgements from every node; plus request
 * timeouts for a node that never answers and immediate failures while Redis is down.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SioClusterTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final AtomicInteger KEYS = new AtomicInteger();
    private static RedisServer sharedRedis;

    @AutoClose
    private final Closer closer = new Closer();
    private final String key = "sc" + KEYS.incrementAndGet();

    @BeforeAll
    static void startRedis() {
        sharedRedis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        sharedRedis.close();
    }

    private List<SwitchboardServer> nodes(RedisServer redis, int count) {
        List<SwitchboardServer> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RedisBroker broker = closer.track(RedisBroker.create(RedisBrokerOptions.builder(redis.uri()).socketIoKey(key)
                    .requestTimeout(REQUEST_TIMEOUT).commandTimeout(Duration.ofSeconds(1))
                    .maxReconnectDelay(Duration.ofMillis(300)).build()));
            SwitchboardServer server = closer.track(SwitchboardServer.create(
                    ServerOptions.builder().host("127.0.0.1").port(0).broker(broker).build()).start());
            int index = i;
            server.socketIo().sockets().onConnection(socket -> {
                socket.data().put("node", index);
                socket.join("node" + index);
            });
            nodes.add(server);
        }
        await().atMost(WsPeer.WAIT).until(() -> Resp.numsub(redis.port, key + "-request#/#") == count);
        return nodes;
    }

    private List<SioPeer> onePeerPerNode(List<SwitchboardServer> nodes) {
        List<SioPeer> peers = nodes.stream().map(n -> closer.track(new SioPeer(n.port()))).toList();
        // the connection handler (room join) runs right after CONNECT: wait until every node sees its socket
        await().atMost(WsPeer.WAIT).until(() -> nodes.stream().allMatch(n -> n.socketIo().sockets().sockets().size() == 1));
        return peers;
    }

    private static Set<String> ids(List<RemoteSocket> sockets) {
        return sockets.stream().map(RemoteSocket::id).collect(Collectors.toSet());
    }

    @Test
    void fetchSocketsGathersEveryNodesSockets() {
        List<SwitchboardServer> nodes = nodes(sharedRedis, 3);
        List<SioPeer> peers = onePeerPerNode(nodes);

        List<RemoteSocket> all = nodes.get(1).socketIo().fetchSockets().join();
        List<RemoteSocket> inRoom = nodes.get(1).socketIo().in("node2").fetchSockets().join();
        List<RemoteSocket> except = nodes.get(0).socketIo().except("node1").fetchSockets().join();
        List<RemoteSocket> local = nodes.get(0).socketIo().local().fetchSockets().join();

        assertThat(ids(all)).containsExactlyInAnyOrder(peers.get(0).sid, peers.get(1).sid, peers.get(2).sid);
        assertThat(inRoom).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(peers.get(2).sid);
            assertThat(s.local()).isFalse();
            assertThat(s.rooms()).containsExactlyInAnyOrder(peers.get(2).sid, "node2");
            assertThat(((Number) s.data().get("node")).intValue()).isEqualTo(2);
            assertThat(s.handshakeDetails()).containsKeys("headers", "address", "url", "query", "auth", "issued");
        });
        assertThat(ids(except)).containsExactlyInAnyOrder(peers.get(0).sid, peers.get(2).sid);
        assertThat(ids(local)).containsExactly(peers.get(0).sid);
    }

    @Test
    void socketsJoinLeaveAndDisconnectReachOtherNodes() {
        List<SwitchboardServer> nodes = nodes(sharedRedis, 3);
        List<SioPeer> peers = onePeerPerNode(nodes);

        nodes.get(0).socketIo().except("node1").socketsJoin("team").join();
        await().atMost(WsPeer.WAIT).until(() -> nodes.get(2).socketIo().sockets().sockets().values().iterator().next()
                .rooms().contains("team"));
        nodes.get(1).socketIo().to("team").emit("teamNews", 1);
        assertThat(peers.get(0).nextEvent("teamNews").get(1).asInt()).isEqualTo(1);
        assertThat(peers.get(2).nextEvent("teamNews").get(1).asInt()).isEqualTo(1);
        peers.get(1).assertNoEvent("teamNews", Duration.ofMillis(300));

        nodes.get(1).socketIo().in("node2").socketsLeave("team").join();
        await().atMost(WsPeer.WAIT).until(() -> ids(nodes.get(1).socketIo().in("team").fetchSockets().join())
                .equals(Set.of(peers.get(0).sid)));

        RemoteSocket remote = nodes.get(0).socketIo().in("node2").fetchSockets().join().getFirst();
        remote.emit("direct", "to-you");
        assertThat(peers.get(2).nextEvent("direct").get(1).asString()).isEqualTo("to-you");
        remote.disconnect(false);
        peers.get(2).awaitServerDisconnect();
        await().atMost(WsPeer.WAIT).until(() -> nodes.get(2).socketIo().sockets().sockets().isEmpty());
        assertThat(ids(nodes.get(0).socketIo().fetchSockets().join()))
                .containsExactlyInAnyOrder(peers.get(0).sid, peers.get(1).sid);
    }

    @Test
    void serverSideEmitReachesTheOtherNodesAndCollectsTheirAnswers() throws Exception {
        List<SwitchboardServer> nodes = nodes(sharedRedis, 3);
        List<String> heard = new CopyOnWriteArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String name = "node" + i;
            nodes.get(i).socketIo().sockets().onServerSideEmit("census", (args, ack) -> {
                heard.add(name + ":" + args.get(0).asString());
                ack.send(name);
            });
        }

        nodes.get(0).socketIo().serverSideEmit("census", "plain").join();
        await().atMost(WsPeer.WAIT).until(() -> heard.size() == 2);
        assertThat(heard).containsExactlyInAnyOrder("node1:plain", "node2:plain");

        List<EventArgs> answers = nodes.get(1).socketIo().serverSideEmitWithAck("census", "asked")
                .get(5, TimeUnit.SECONDS);
        assertThat(answers.stream().map(a -> a.get(0).asString())).containsExactlyInAnyOrder("node0", "node2");
    }

    @Test
    void broadcastWithAckCollectsClientAnswersFromEveryNode() throws Exception {
        List<SwitchboardServer> nodes = nodes(sharedRedis, 3);
        List<SioPeer> peers = onePeerPerNode(nodes);

        CompletableFuture<List<EventArgs>> answers = nodes.get(0).socketIo().timeout(Duration.ofSeconds(5))
                .emitWithAck("question", 41);
        for (int i = 0; i < peers.size(); i++) {
            assertThat(peers.get(i).ackNext("question", "[\"answer" + i + "\"]").get(1).asInt()).isEqualTo(41);
        }

        assertThat(answers.get(5, TimeUnit.SECONDS).stream().map(a -> a.get(0).asString()))
                .containsExactlyInAnyOrder("answer0", "answer1", "answer2");
    }

    @Test
    void broadcastWithAckTimesOutWithTheAnswersThatArrived() {
        List<SwitchboardServer> nodes = nodes(sharedRedis, 2);
        List<SioPeer> peers = onePeerPerNode(nodes);

        CompletableFuture<List<EventArgs>> answers = nodes.get(1).socketIo().timeout(Duration.ofMillis(800))
                .emitWithAck("question");
        peers.get(0).ackNext("question", "[\"only-me\"]"); // the client on node 1 never answers

        assertThat(answers).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(AckTimeoutException.class, e -> assertThat(e.responses())
                        .extracting(a -> a.get(0).asString()).containsExactly("only-me"));
    }

    @Test
    void requestsFailAtTheirTimeoutWhenANodeNeverAnswers() throws Exception {
        List<SwitchboardServer> nodes = nodes(sharedRedis, 2);
        onePeerPerNode(nodes);
        try (Resp.Subscriber silent = Resp.subscribe(sharedRedis.port, key + "-request#/#")) { // counts, never answers
            await().atMost(WsPeer.WAIT).until(() -> Resp.numsub(sharedRedis.port, key + "-request#/#") == 3);
            long start = System.nanoTime();

            CompletableFuture<List<RemoteSocket>> fetch = nodes.get(0).socketIo().fetchSockets();
            CompletableFuture<List<EventArgs>> emit = nodes.get(0).socketIo().serverSideEmitWithAck("nobody");

            assertThat(fetch).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause()
                    .isInstanceOf(SwitchboardException.class).withMessageContaining("timeout reached");
            assertThat(emit).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause()
                    .isInstanceOf(AckTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(REQUEST_TIMEOUT)
                    .isLessThan(REQUEST_TIMEOUT.plusSeconds(3));
        }
    }

    @Test
    void whileRedisIsDownRequestsFailAtOnceAndLocalSocketsAreStillServed() {
        try (RedisServer redis = RedisServer.start()) {
            List<SwitchboardServer> nodes = nodes(redis, 2);
            List<SioPeer> peers = onePeerPerNode(nodes);
            redis.kill();
            long start = System.nanoTime();

            CompletableFuture<List<RemoteSocket>> fetch = nodes.get(0).socketIo().fetchSockets();
            CompletableFuture<Void> join = nodes.get(0).socketIo().socketsJoin("offline");
            CompletableFuture<List<EventArgs>> acks = nodes.get(0).socketIo().timeout(Duration.ofSeconds(10))
                    .emitWithAck("question");
            peers.get(0).ackNext("question", "[1]");

            assertThat(fetch).failsWithin(Duration.ofSeconds(3)).withThrowableThat().havingCause()
                    .isInstanceOf(BrokerException.class);
            assertThat(join).failsWithin(Duration.ofSeconds(3)).withThrowableThat().havingCause()
                    .isInstanceOf(BrokerException.class);
            assertThat(acks).failsWithin(Duration.ofSeconds(3)).withThrowableThat().havingCause()
                    .isInstanceOf(BrokerException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            // this node's own sockets still joined, and room broadcasts reach them
            assertThat(ids(nodes.get(0).socketIo().local().in("offline").fetchSockets().join()))
                    .containsExactly(peers.get(0).sid);
            nodes.get(0).socketIo().to("offline").emit("stillHere", 1);
            assertThat(peers.get(0).nextEvent("stillHere").get(1).asInt()).isEqualTo(1);
        }
    }
}
