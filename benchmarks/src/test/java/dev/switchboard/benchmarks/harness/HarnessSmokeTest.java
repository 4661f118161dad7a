package dev.switchboard.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Keeps the harness from rotting: a few seconds of each scenario kind against Switchboard only, in a
 * separate JVM started exactly the way the harness starts it (minus pinning). Asserts that the
 * machinery works (connections, subscriptions, delivery, gap counting, RPC, memory readings), not
 * performance. The full harness runs only through benchmarks/run.sh.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HarnessSmokeTest {
    private static ServerProcess server;

    @BeforeAll
    static void start() {
        Env current = Env.forCurrentJvm(Path.of("node"), null);
        Env env = new Env(current.java(), current.classpath(), List.of("-XX:ActiveProcessorCount=1", "-Xmx256m"),
                current.nodeDir(), null, 0);
        server = ServerProcess.start(ServerKind.SWITCHBOARD, env, 0, List.of());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fanOutDeliversEverythingInOrder() {
        FanOutSpec spec = new FanOutSpec("F1", "smoke", 50, 0, 100, 0, 200, 0.5, 1.5, false);
        Result r = FanOutScenario.run(spec, server, 1);
        assertThat(r.get("connectFailed")).isZero();
        assertThat(r.get("rate")).isPositive();
        assertThat(r.get("completeness")).isEqualTo(1.0);
        assertThat(r.get("gaps")).isZero();
        assertThat(r.get("serverCores")).isPositive();
        assertThat(r.get("p99")).isPositive();
    }

    @Test
    void openLoopFanOutToManyRooms() {
        FanOutSpec spec = new FanOutSpec("F2", "smoke", 40, 10, 100, 200, 0, 0.5, 1.5, false);
        Result r = FanOutScenario.run(spec, server, 1);
        assertThat(r.get("publishRate")).isBetween(100.0, 300.0);
        assertThat(r.get("completeness")).isEqualTo(1.0);
    }

    @Test
    void rpcEchoRoundTrips() {
        Result r = RpcScenario.run(new RpcScenario.Spec("R1", "smoke", 10, 2, "echo", 100, 0.5, 1.5), server, 1);
        assertThat(r.get("rate")).isPositive();
        assertThat(r.get("errors")).isZero();
        Result slow = RpcScenario.run(new RpcScenario.Spec("R2", "smoke", 10, 1, "slowEcho", 100, 0.3, 1.0), server, 1);
        assertThat(slow.get("p50")).isGreaterThanOrEqualTo(5.0);
    }

    @Test
    void idleConnectionsAreCountedAndMeasured() {
        Result r = IdleScenario.run("smoke", 100, 1.0, server, 1);
        assertThat(r.get("connected")).isEqualTo(100.0);
        assertThat(r.get("stillOpen")).isEqualTo(100.0);
        assertThat(r.get("heapMb")).isPositive();
        assertThat(r.get("cpuMsPerConn")).isNotNaN();
    }
}
