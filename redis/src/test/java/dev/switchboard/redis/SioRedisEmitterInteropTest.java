package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.server.Namespace;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SwitchboardServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official {@code @socket.io/redis-emitter} 5.1.0 (Node, over the official {@code redis} client)
 * drives a Switchboard node through a real Redis, and official socket.io-client 4.8.4 sockets on the
 * node check what arrives: namespace and room emits (binary included), except, another namespace,
 * socketsJoin, socketsLeave, serverSideEmit and disconnectSockets (scenario in {@code
 * node/emitter-scenario.js}). And a mixed cluster: a Node.js socket.io 4.8.4 server with the official
 * {@code @socket.io/redis-adapter} 8.3.0 next to a Switchboard node ({@code node/mixed-cluster-scenario.js}).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SioRedisEmitterInteropTest {

    @Test
    void mixedClusterWithANodeSocketIoServerOnTheOfficialRedisAdapter() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            RedisBroker broker = RedisBroker.create(RedisBrokerOptions.builder(redis.uri()).build());
            try (SwitchboardServer server = SwitchboardServer.create(
                    ServerOptions.builder().host("127.0.0.1").port(0).broker(broker).build()).start()) {
                Namespace main = server.socketIo().sockets();
                main.onServerSideEmit("who", (args, ack) -> ack.send("java"));
                main.onConnection(socket -> {
                    socket.data().put("lang", "java");
                    // the Switchboard node's own cluster operations, triggered by its client
                    socket.on("javaDoesItAll", (args, ack) -> {
                        // asynchronous: this socket's own ack of "q" arrives on the connection this handler runs on
                        main.emit("fromJava", "hi");
                        main.fetchSockets().thenCombine(main.serverSideEmit("fromJavaServer", 5), (found, v) -> found.size())
                                .thenCompose(count -> main.timeout(Duration.ofSeconds(5)).emitWithAck("q", 2)
                                        .thenApply(acks -> Map.of("sockets", count, "acks", acks.stream()
                                                .map(a -> a.get(0).asString()).sorted().toList())))
                                .whenComplete((result, error) -> ack.send(error == null ? result
                                        : Map.of("error", String.valueOf(error))));
                    });
                });
                await().atMost(Duration.ofSeconds(10)).until(() -> Resp.numsub(redis.port, "socket.io-request#/#") == 1);

                NodeScript.Result result = NodeScript.run("mixed-cluster-scenario.js",
                        Map.of("SB_PORT", String.valueOf(server.port()), "REDIS_PORT", String.valueOf(redis.port)),
                        Duration.ofSeconds(60));

                assertThat(result.exitCode()).as(result.output()).isZero();
                assertThat(result.output()).contains("ok node fetchSockets", "ok node emitWithAck across nodes",
                        "ok switchboard -> node", "scenario complete");
            }
        }
    }

    @Test
    void officialRedisEmitterDrivesSwitchboard() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            RedisBroker broker = RedisBroker.create(RedisBrokerOptions.builder(redis.uri()).build());
            try (SwitchboardServer server = SwitchboardServer.create(
                    ServerOptions.builder().host("127.0.0.1").port(0).broker(broker).build()).start()) {
                Namespace main = server.socketIo().sockets();
                server.socketIo().of("/chat");
                List<List<Object>> serverSide = new CopyOnWriteArrayList<>();
                main.onServerSideEmit("hi-servers", (args, ack) -> {
                    serverSide.add(args.values());
                    main.emit("serverSideSeen", args.values().toArray());
                });
                // both namespaces listen on Redis before the emitter starts
                await().atMost(Duration.ofSeconds(10)).until(() -> Resp.numsub(redis.port, "socket.io-request#/#") == 1
                        && Resp.numsub(redis.port, "socket.io-request#/chat#") == 1);

                NodeScript.Result result = NodeScript.run("emitter-scenario.js",
                        Map.of("SB_PORT", String.valueOf(server.port()), "REDIS_PORT", String.valueOf(redis.port)),
                        Duration.ofSeconds(60));

                assertThat(result.exitCode()).as(result.output()).isZero();
                assertThat(result.output()).contains("ok socketsJoin + room emit", "ok socketsLeave",
                        "ok disconnectSockets", "scenario complete");
                assertThat(serverSide).singleElement().satisfies(args -> {
                    assertThat(args.get(0)).isEqualTo("from-node");
                    assertThat(((Number) args.get(1)).intValue()).isEqualTo(7);
                });
            }
        }
    }
}
