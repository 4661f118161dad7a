package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.Namespace;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SwitchboardServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official npm clients on two Switchboard nodes sharing one real Redis (scenario in {@code
 * node/two-nodes-scenario.js}): socketcluster-client 20.0.2 on each node gets the other's channel
 * publications, and socket.io-client 4.8.4 sockets on different nodes share a room, while a socket in
 * another room does not see its broadcasts.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OfficialClientsAcrossNodesTest {

    @Test
    void officialClientsOnTwoNodesGetEachOthersPublicationsAndRoomBroadcasts() throws Exception {
        try (RedisServer redis = RedisServer.start();
                SwitchboardServer a = node(redis);
                SwitchboardServer b = node(redis)) {
            NodeScript.Result result = NodeScript.run("two-nodes-scenario.js",
                    Map.of("SB_PORT_A", String.valueOf(a.port()), "SB_PORT_B", String.valueOf(b.port())),
                    Duration.ofSeconds(60));

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("ok sc A -> B", "ok sc B -> A", "ok sio room across nodes",
                    "scenario complete");
        }
    }

    /** A node whose Socket.IO clients can join a room and broadcast to one. */
    private static SwitchboardServer node(RedisServer redis) {
        RedisBroker broker = RedisBroker.create(RedisBrokerOptions.builder(redis.uri()).build());
        SwitchboardServer server = SwitchboardServer.create(
                ServerOptions.builder().host("127.0.0.1").port(0).broker(broker).build()).start();
        Namespace main = server.socketIo().sockets();
        main.onConnection(socket -> {
            socket.on("join", (args, ack) -> {
                socket.join(args.get(0).asString());
                ack.send("joined");
            });
            socket.on("say", (args, ack) -> {
                main.to(args.get(0).asString()).emit("said", args.get(1).asString());
                ack.send("sent");
            });
        });
        return server;
    }
}
