package dev.switchboard.benchmarks.harness;

import dev.switchboard.benchmarks.load.LoadGenerator;
import dev.switchboard.benchmarks.load.WsConn;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Runs one fan-out data point (F1, F2, F3, B1) against a started server. */
final class FanOutScenario {
    private FanOutScenario() {}

    static Result run(FanOutSpec spec, ServerUnderTest server, int repeat) {
        Result.Metrics m = new Result.Metrics();
        try (LoadGenerator gen = new LoadGenerator(server.kind().protocol(), "127.0.0.1", server.ports())) {
            LoadGenerator.Connected subs = gen.connect(spec.subscribers(), 200, Duration.ofSeconds(120));
            LoadGenerator.Connected pub = gen.connect(1, 1, Duration.ofSeconds(10));
            m.put("connectFailed", subs.failed() + pub.failed());
            if (pub.conns().isEmpty() || subs.conns().isEmpty()) {
                throw new IllegalStateException("no connections: " + subs.failed() + " failed");
            }
            List<WsConn> conns = subs.conns();
            // How many nodes the subscribers are spread over (2 for the Redis pair: half the deliveries cross Redis).
            m.put("subscriberNodes", gen.onLoop(() -> conns.stream()
                    .map(c -> ((InetSocketAddress) c.channel().remoteAddress()).getPort()).distinct().count()));
            FanOutState state = new FanOutState(spec, gen.protocol(), pub.conns().get(0), conns);
            long wanted = subscribe(gen, spec, conns, state);
            m.put("subscribeSeconds", waitFor(gen, () -> state.acks >= wanted, 120));
            // Settle the heap once the connections are made, as C1 does before it reads: every server runs
            // one full GC (its stats line) before the load starts. Otherwise a JVM server promotes the
            // connect phase's state in whichever young collection comes next, and at F3's low allocation
            // rates that one-off copy (23-65 ms with N=1000 on the AMD machine) landed in the window.
            m.put("settledHeapMb", server.heapAfterGcMb());
            gen.onLoop(() -> {
                for (WsConn c : conns) {
                    c.expectSeq = 0;
                }
                state.start();
            });
            long tickNanos = spec.rate() > 0 ? 1_000_000 : 5_000_000;
            ScheduledFuture<?> tick = gen.loop().scheduleAtFixedRate(state::pump, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
            sleep(warmup(spec.warmup(), server));
            // Same for fan-out: the window starts once deliveries flow (see RpcScenario).
            m.put("warmupExtraSeconds", waitFor(gen, () -> state.received > 0, 30));
            measure(gen, state, server, spec, m, "");
            if (spec.stallOne()) {
                double rssBefore = server.rssMb();
                gen.onLoop(() -> {
                    state.stalled = conns.get(conns.size() - 1);
                    // What it already received stays counted; nothing else is expected of it from now on.
                    state.expected -= state.published - Math.max(0, state.stalled.expectSeq);
                    state.stallSeq = 0;
                    state.stalled.channel().config().setAutoRead(false);
                });
                double maxRss = rssBefore;
                Window w = new Window(server);
                long end = System.nanoTime() + (long) (spec.measure() * 2e9);
                gen.onLoop(() -> state.snapshot(true));
                while (System.nanoTime() < end) {
                    sleep(0.5);
                    maxRss = Math.max(maxRss, server.rssMb());
                }
                recordWindow(gen, state, w, m, "During", false);
                m.put("rssBeforeStallMb", rssBefore).put("rssMaxDuringStallMb", maxRss)
                        .put("rssGrowthMb", maxRss - rssBefore)
                        .put("stalledStillOpen", gen.onLoop(() -> state.stalled.channel().isActive()) ? 1 : 0);
            }
            tick.cancel(false);
            gen.onLoop(() -> state.stopped = true);
            waitFor(gen, () -> state.received >= state.expected, 5);
            FanOutState.Snapshot fin = gen.onLoop(() -> state.snapshot(false));
            m.put("completeness", fin.expected() == 0 ? 0 : (double) fin.received() / fin.expected())
                    .put("gaps", fin.gaps()).put("published", fin.published())
                    .put("peakRssMb", server.peakRssMb());
        }
        return new Result(spec.scenario(), spec.point(), server.kind().label, repeat, m.map);
    }

    private static long subscribe(LoadGenerator gen, FanOutSpec spec, List<WsConn> conns, FanOutState state) {
        return gen.onLoop(() -> {
            long n = 0;
            for (WsConn c : conns) {
                c.sink(state);
                for (String room : FanOutState.roomsOf(spec, c.index)) { // subscribers are the first N opened: 0..N-1
                    c.write(gen.protocol().subscribe(c, room));
                    n++;
                }
                c.channel().flush();
            }
            return n;
        });
    }

    private static void measure(LoadGenerator gen, FanOutState state, ServerUnderTest server, FanOutSpec spec,
            Result.Metrics m, String suffix) {
        gen.onLoop(() -> state.snapshot(true));
        Window w = new Window(server);
        FanOutState.Snapshot s0 = gen.onLoop(() -> state.snapshot(false));
        sleep(spec.measure());
        recordWindow(gen, state, w, m, suffix, true, s0);
        m.put("rssMb", server.rssMb());
        if (server.kind().writesCountable()) {
            countWrites(gen, state, server, spec, m);
        }
    }

    /** Deliveries per write-family system call, in a window of its own after the measured one ({@link WriteCalls}). */
    private static void countWrites(LoadGenerator gen, FanOutState state, ServerUnderTest server, FanOutSpec spec,
            Result.Metrics m) {
        double seconds = Math.min(3, spec.measure());
        WriteCalls.start(server.pids(), seconds).ifPresent(counting -> {
            sleep(0.2); // perf attaches to every thread first; rates, not counts, are compared
            FanOutState.Snapshot a = gen.onLoop(() -> state.snapshot(false));
            long t0 = System.nanoTime();
            sleep(Math.max(0.1, seconds - 0.4));
            FanOutState.Snapshot b = gen.onLoop(() -> state.snapshot(false));
            double deliveriesPerSecond = (b.received() - a.received()) / ((System.nanoTime() - t0) / 1e9);
            counting.callsPerSecond().ifPresent(calls -> m.put("framesPerWrite", deliveriesPerSecond / calls));
        });
    }

    private static void recordWindow(LoadGenerator gen, FanOutState state, Window w, Result.Metrics m,
            String suffix, boolean main) {
        recordWindow(gen, state, w, m, suffix, main, new FanOutState.Snapshot(0, 0, 0, 0, null));
    }

    private static void recordWindow(LoadGenerator gen, FanOutState state, Window w, Result.Metrics m,
            String suffix, boolean main, FanOutState.Snapshot s0) {
        FanOutState.Snapshot s1 = gen.onLoop(() -> state.snapshot(false));
        Window.Span span = w.end();
        Histogram h = s1.latency();
        if (main) {
            double delivered = s1.received() - s0.received();
            m.put("rate", delivered / span.seconds())
                    .put("publishRate", (s1.published() - s0.published()) / span.seconds())
                    .put("serverCores", span.serverCores())
                    .put("perCpuS", delivered / span.serverCpuSeconds())
                    .put("genCores", span.generatorCores())
                    .put("othersOnServerCore", span.othersOnServerCore())
                    .put("othersOnGenCore", span.othersOnGeneratorCore());
        }
        m.put("p50" + suffix, ms(h.getValueAtPercentile(50))).put("p99" + suffix, ms(h.getValueAtPercentile(99)))
                .put("p999" + suffix, ms(h.getValueAtPercentile(99.9))).put("max" + suffix, ms(h.getMaxValue()));
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Polls {@code done} on the loop every 20 ms, at most {@code seconds}; returns the time taken. */
    static double waitFor(LoadGenerator gen, java.util.function.BooleanSupplier done, double seconds) {
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline && !gen.onLoop(done::getAsBoolean)) {
            sleep(0.02);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * The warm-up for {@code server}: the plan's, times its processes. The nodes of a cluster share the
     * one server core, so each JVM gets a share of it: after the single-node warm-up of 10 s, perf put
     * the Redis pair's JIT compiler threads at 44 % of the core inside F1's window (its virtual threads'
     * carriers at 29 %, a third of that in the interpreter), against 7 % for one node's C2 thread after
     * the same warm-up (R1, an earlier profile). Every server process gets the same CPU time to warm up.
     */
    static double warmup(double planned, ServerUnderTest server) {
        return planned * server.kind().nodes();
    }

    static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
