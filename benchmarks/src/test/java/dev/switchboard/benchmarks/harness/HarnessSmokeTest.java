package dev.switchboard.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keeps the harness from rotting: a second or two of each scenario kind against both Switchboard
 * endpoints (SocketCluster via the raw SC adapter, Socket.IO via the raw Engine.IO adapter), each in a
 * separate JVM started exactly the way the harness starts it (minus pinning). Asserts that the
 * machinery works (connections, subscriptions, delivery, gap counting, RPC, slow-consumer accounting,
 * memory readings), not performance; and one fan-out across two Switchboard nodes sharing a harness-
 * started redis-server (needs {@code redis-server} on the PATH, as the redis module's tests do). The full
 * harness runs only through benchmarks/run.sh.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HarnessSmokeTest {
    private static final Map<ServerKind, ServerProcess> SERVERS = new EnumMap<>(ServerKind.class);
    private static Env env;

    @BeforeAll
    static void start() {
        Env current = Env.forCurrentJvm(Path.of("node"), null);
        env = new Env(current.java(), current.classpath(), List.of("-XX:ActiveProcessorCount=1", "-Xmx256m"),
                current.nodeDir(), null, 0);
        for (ServerKind kind : List.of(ServerKind.SWITCHBOARD, ServerKind.SWITCHBOARD_SIO)) {
            SERVERS.put(kind, ServerProcess.start(kind, env, 0, List.of()));
        }
    }

    @AfterAll
    static void stop() {
        SERVERS.values().forEach(ServerProcess::close);
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"SWITCHBOARD", "SWITCHBOARD_SIO"})
    void fanOutDeliversEverythingInOrder(ServerKind kind) {
        FanOutSpec spec = new FanOutSpec("F1", "smoke", 50, 0, 100, 0, 200, 0.3, 1.0, false);
        Result r = FanOutScenario.run(spec, SERVERS.get(kind), 1);
        assertThat(r.server()).isEqualTo(kind.label);
        assertThat(r.get("connectFailed")).isZero();
        assertThat(r.get("rate")).isPositive();
        assertThat(r.get("completeness")).isEqualTo(1.0);
        assertThat(r.get("gaps")).isZero();
        assertThat(r.get("subscriberNodes")).isEqualTo(1.0);
        assertThat(r.get("serverCores")).isPositive();
        assertThat(r.get("p99")).isPositive();
        assertThat(r.get("settledHeapMb")).isPositive(); // the server answered its full-GC line before the load
    }

    /** Two nodes and their own redis-server: subscribers on both nodes, so half the deliveries cross Redis. */
    @Test
    void fanOutAcrossTwoNodesThroughRedis() {
        FanOutSpec spec = new FanOutSpec("F1", "smoke", 50, 0, 100, 0, 200, 0.3, 1.0, false);
        ServerUnderTest pair = ServerKind.SWITCHBOARD_REDIS2.start(env, 0);
        Result r;
        try (pair) {
            assertThat(pair.ports()).hasSize(2).doesNotHaveDuplicates();
            r = FanOutScenario.run(spec, pair, 1);
            assertThat(pair.isAlive()).isTrue();
        }
        assertThat(pair.isAlive()).isFalse();
        assertThat(r.server()).isEqualTo("switchboard-redis2");
        assertThat(r.get("subscriberNodes")).isEqualTo(2.0);
        assertThat(r.get("connectFailed")).isZero();
        assertThat(r.get("completeness")).isEqualTo(1.0);
        assertThat(r.get("gaps")).isZero();
        assertThat(r.get("published")).isPositive();
        assertThat(r.get("serverCores")).isPositive();
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"SWITCHBOARD", "SWITCHBOARD_SIO"})
    void openLoopFanOutToManyRooms(ServerKind kind) {
        FanOutSpec spec = new FanOutSpec("F2", "smoke", 40, 10, 100, 200, 0, 0.3, 1.0, false);
        Result r = FanOutScenario.run(spec, SERVERS.get(kind), 1);
        assertThat(r.get("publishRate")).isBetween(100.0, 300.0);
        assertThat(r.get("completeness")).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"SWITCHBOARD", "SWITCHBOARD_SIO"})
    void rpcEchoRoundTrips(ServerKind kind) {
        ServerProcess server = SERVERS.get(kind);
        Result r = RpcScenario.run(new RpcScenario.Spec("R1", "smoke", 10, 2, "echo", 100, 0.3, 1.0), server, 1);
        assertThat(r.get("rate")).isPositive();
        assertThat(r.get("errors")).isZero();
        Result slow = RpcScenario.run(new RpcScenario.Spec("R2", "smoke", 10, 2, "slowEcho", 100, 0.2, 0.8), server, 1);
        assertThat(slow.get("rate")).isPositive();
        assertThat(slow.get("errors")).isZero();
        assertThat(slow.get("p50")).isGreaterThanOrEqualTo(5.0);
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"SWITCHBOARD", "SWITCHBOARD_SIO"})
    void slowConsumerIsAccountedForAndOthersGetEverything(ServerKind kind) {
        FanOutSpec spec = new FanOutSpec("B1", "smoke", 20, 0, 1000, 100, 0, 0.2, 0.5, true);
        Result r = FanOutScenario.run(spec, SERVERS.get(kind), 1);
        assertThat(r.get("completeness")).isEqualTo(1.0);
        assertThat(r.get("gaps")).isZero();
        assertThat(r.get("p99During")).isPositive();
        assertThat(r.get("stalledStillOpen")).isEqualTo(1.0);
        assertThat(r.get("rssGrowthMb")).isNotNaN();
    }

    @ParameterizedTest
    @EnumSource(value = ServerKind.class, names = {"SWITCHBOARD", "SWITCHBOARD_SIO"})
    void idleConnectionsAreCountedAndMeasured(ServerKind kind) {
        Result r = IdleScenario.run("smoke", 100, 0.5, SERVERS.get(kind), 1);
        assertThat(r.get("connected")).isEqualTo(100.0);
        assertThat(r.get("stillOpen")).isEqualTo(100.0);
        assertThat(r.get("heapMb")).isPositive();
        assertThat(r.get("cpuMsPerConn")).isNotNaN();
        assertThat(r.get("c2WarmRounds")).isEqualTo(1.0);
        assertThat(r.get("idleWindowS")).isEqualTo(0.25); // idle CPU: the second half of the settle time
        assertThat(r.get("idleCores")).isBetween(0.0, 1.5);
    }
}
