package dev.switchboard.benchmarks.harness;

import dev.switchboard.benchmarks.load.LoadGenerator;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * C1 then C2 on one fresh server: after a warm-up round of {@code n/4} connections that are closed
 * again, open {@code n} connections with 200 handshakes in flight and let them sit idle with pings
 * running for {@code settle} seconds (C1: RSS and heap-after-GC growth per connection; idle CPU over the
 * second half of the settle time, once the connect burst's after-effects are over); then
 * close them, open and close {@code n} more {@linkplain #c2WarmRounds as often as the JIT needs}, then
 * open {@code n} again (C2: server CPU per connection, connections/s, connect-to-ready p50/p99).
 */
final class IdleScenario {
    /**
     * Connections a server has taken, warm-up and C1 included, before C2 is measured. Per-thread CPU of
     * the Socket.IO endpoint over rounds of 10,000 connections (2026-12-07, /proc/PID/task) put the JIT
     * compiler threads at 0.184, 0.105, 0.106, 0.077, 0.012, 0.020, 0.003 and 0.000 ms per connection in
     * rounds 1 to 8, and the whole server at 0.41, 0.26, 0.25, 0.21, 0.13, 0.15, 0.12 and 0.12 ms: a
     * one-core JVM compiles the connect path for about 50,000 connections (the SocketCluster endpoint
     * alike). Measured in the third round, as before, C2 read the compiler's work.
     */
    static final int C2_WARM_CONNECTIONS = 60_000;
    private static final int MAX_C2_WARM_ROUNDS = 6;

    private IdleScenario() {}

    /**
     * Unmeasured rounds of {@code n} connections between C1 and C2: enough for {@link
     * #C2_WARM_CONNECTIONS} in all (at most six), at least one; one below 1,000 connections (smoke runs).
     */
    static int c2WarmRounds(int n) {
        if (n < 1000) {
            return 1;
        }
        int before = warmUpConnections(n) + n; // the warm-up round and C1's round
        int rounds = (C2_WARM_CONNECTIONS - before + n - 1) / n;
        return Math.clamp(rounds, 1, MAX_C2_WARM_ROUNDS);
    }

    /** The first, unmeasured round: a quarter of {@code n}, at least one. */
    private static int warmUpConnections(int n) {
        return Math.min(n, Math.max(1, n / 4));
    }

    static Result run(String point, int n, double settle, ServerUnderTest server, int repeat) {
        Result.Metrics m = new Result.Metrics();
        // Warm-up, as in every other scenario: a first round of connections that are then closed gets the
        // connect path compiled (C2, V8) and the heap's young space used once, as in any server that has
        // run for a while. Without it, C2 measured JIT compile time and C1 counted the first touch of
        // the JVM's young generation (measured here: the C2 compiler thread at 74% of the server core
        // during the settle window) as memory per connection.
        int warm = warmUpConnections(n);
        try (LoadGenerator gen = new LoadGenerator(server.kind().protocol(), "127.0.0.1", server.ports())) {
            gen.connect(warm, 200, Duration.ofSeconds(120));
        }
        FanOutScenario.sleep(n >= 1000 ? 3.0 : 0.5); // the closes reach the server; warm-up work settles
        m.put("warmupConnections", warm);
        double heap0 = server.heapAfterGcMb();
        double rss0 = server.rssMb();
        try (LoadGenerator gen = new LoadGenerator(server.kind().protocol(), "127.0.0.1", server.ports())) {
            Window connect = new Window(server);
            LoadGenerator.Connected c = gen.connect(n, 200, Duration.ofSeconds(180));
            Window.Span cs = connect.end();
            int ok = c.conns().size();
            m.put("connected", ok).put("connectFailed", c.failed())
                    .put("firstRoundCpuMsPerConn", cs.serverCpuSeconds() * 1000 / Math.max(1, ok));
            // Idle CPU from the second half only: in the first seconds after 200-in-flight connecting,
            // perf put the JVM's C2 compiler thread (the connect burst's compile backlog) at two thirds
            // of the server's samples (the first ping round fell in there too), which is start-up cost,
            // not the cost of holding idle connections. Both SocketCluster servers ping every 8 s, so the
            // second half holds one of their ping rounds; the Socket.IO servers ping every 25 s, so only
            // the full profile's 30 s window holds one of theirs.
            FanOutScenario.sleep(settle / 2);
            Window idle = new Window(server);
            FanOutScenario.sleep(settle / 2);
            Window.Span is = idle.end();
            double rss1 = server.rssMb();
            double heap1 = server.heapAfterGcMb();
            long still = gen.onLoop(() -> c.conns().stream().filter(x -> x.channel().isActive()).count());
            m.put("rssBaseMb", rss0).put("rssMb", rss1)
                    .put("rssKbPerConn", (rss1 - rss0) * 1024 / Math.max(1, ok))
                    .put("heapBaseMb", heap0).put("heapMb", heap1)
                    .put("heapKbPerConn", (heap1 - heap0) * 1024 / Math.max(1, ok))
                    .put("idleCores", is.serverCores())
                    .put("idleWindowS", settle / 2)
                    .put("othersOnServerCore", is.othersOnServerCore())
                    .put("stillOpen", still);
        }
        // C2 after C1's connections are closed: a method run once per connection reaches the top JIT tier
        // only after thousands of calls, and in the first round perf showed the C2 compiler thread at a
        // third of the server's samples. Measuring C1 first keeps its baseline the memory of the n/4
        // warm-up round, as before.
        FanOutScenario.sleep(n >= 1000 ? 3.0 : 0.5);
        // Unmeasured rounds of n, connected and closed: with one, perf still showed the JVM's C2 compiler
        // thread at 34-47% of the server's samples inside the C2 window, and the compile log showed
        // connect-path methods (HTTP decoding, channel registration) reaching the top tier there. The
        // pause after each round lets that round's compiles finish. Every server gets the same rounds.
        int warmRounds = c2WarmRounds(n);
        for (int round = 0; round < warmRounds; round++) {
            try (LoadGenerator gen = new LoadGenerator(server.kind().protocol(), "127.0.0.1", server.ports())) {
                gen.connect(n, 200, Duration.ofSeconds(180));
            }
            FanOutScenario.sleep(n >= 1000 ? 3.0 : 0.5);
        }
        m.put("c2WarmRounds", warmRounds);
        try (LoadGenerator gen = new LoadGenerator(server.kind().protocol(), "127.0.0.1", server.ports())) {
            Window connect = new Window(server);
            LoadGenerator.Connected c = gen.connect(n, 200, Duration.ofSeconds(180));
            Window.Span cs = connect.end();
            int ok = c.conns().size();
            Histogram h = c.connectNanos();
            m.put("connPerS", ok / c.seconds())
                    .put("cpuMsPerConn", cs.serverCpuSeconds() * 1000 / Math.max(1, ok))
                    .put("connectP50", FanOutScenario.ms(h.getValueAtPercentile(50)))
                    .put("connectP99", FanOutScenario.ms(h.getValueAtPercentile(99)))
                    .put("connectGenCores", cs.generatorCores())
                    .put("connectFailed", Math.max(m.map.getOrDefault("connectFailed", 0.0), c.failed()));
        }
        return new Result("C1", point, server.kind().label, repeat, m.map);
    }
}
