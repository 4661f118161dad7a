package dev.switchboard.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The scenario matrix of a profile: quick (short windows, fewer N, 1 repeat; ~20 minutes for four
 * servers) or full (the N values, 3 repeats). Each point runs once per server per repeat, each
 * time against a fresh server process.
 */
final class Plan {
    /** One data point; {@code run} gets the server and the results so far (F3 reads F1's). */
    record Point(String scenario, String label, Runner.PointRun run) {}

    /** F3's offered load at N subscribers ({@link F3Load}); {@code prior} holds the rows so far (F1's among them). */
    @FunctionalInterface
    interface F3Loads {
        F3Load.Load at(int n, List<Result> prior);
    }

    final String name;
    final int repeats;
    final List<Point> points = new ArrayList<>();

    private Plan(String name, int repeats) {
        this.name = name;
        this.repeats = repeats;
    }

    /** F2's workload (10k connections, personal rooms and 10-member groups, 100 B), also profiled by {@link JfrRun}. */
    static FanOutSpec f2(double warm, double window) {
        return new FanOutSpec("F2", "N=10000 group=10 size=100", 10000, 10, 100, 0, 20000, warm, window, false);
    }

    static Plan of(String profile, Set<String> scenarios, F3Loads f3Loads) {
        boolean quick = profile.equals("quick");
        Plan p = new Plan(profile, quick ? 1 : 3);
        // The JVM servers run with one active processor, so one C2 thread shares the server core with
        // the load: shorter warm-ups measured C2 at 20-30% of the core inside the window (perf, F1 and
        // R1), and R1 at a third of its steady rate. Every server process gets the same warm-up (a cluster's
        // nodes share the core, so theirs is longer: FanOutScenario.warmup).
        double warm = quick ? 10 : 15;
        // Open-loop points (F3, B1) run 500 publications a second or fewer, so whatever runs once per
        // publication reaches C2 much later than at saturation: after 10 s of B1, perf put the C2 thread
        // at 24% of the server core inside the window and its JIT log still showed 9 to 24 top-tier
        // compiles a second. Their warm-up is longer; every server gets the same one.
        double openWarm = quick ? 30 : 40;
        double window = quick ? 5 : 15;
        List<Integer> ns = quick ? List.of(1000, 10000) : List.of(1000, 5000, 10000, 19000);
        if (scenarios.contains("F1")) {
            for (int size : List.of(100, 1000)) {
                for (int n : ns) {
                    if (quick && size == 1000 && n != 1000) {
                        continue;
                    }
                    String label = "N=" + n + " size=" + size;
                    FanOutSpec spec = new FanOutSpec("F1", label, n, 0, size, 0, 4 * n, warm, window, false);
                    p.points.add(new Point("F1", label, (s, r, prior) -> withNs(FanOutScenario.run(spec, s, r), n, size)));
                }
            }
        }
        if (scenarios.contains("F2")) {
            FanOutSpec spec = f2(warm, window);
            p.points.add(new Point("F2", spec.point(), (s, r, prior) -> withNs(FanOutScenario.run(spec, s, r), spec.subscribers(), spec.size())));
        }
        if (scenarios.contains("F3")) {
            for (int n : ns) {
                String label = "N=" + n + " size=100";
                p.points.add(new Point("F3", label, (s, r, prior) -> {
                    F3Load.Load load = f3Loads.at(n, prior);
                    FanOutSpec spec = new FanOutSpec("F3", label, n, 0, 100, load.deliveries() / n, 0, openWarm, window, false);
                    Result res = withNs(FanOutScenario.run(spec, s, r), n, 100);
                    res.metrics().put("offered", load.deliveries());
                    res.metrics().put("offeredGuess", load.guess());
                    res.metrics().put("calibrationSioCores", load.socketIoCores());
                    res.metrics().put("calibrationSteps", (double) load.steps());
                    return res;
                }));
            }
        }
        for (String id : List.of("R1", "R2")) {
            if (scenarios.contains(id)) {
                for (int inFlight : List.of(1, 10)) {
                    RpcScenario.Spec spec = new RpcScenario.Spec(id, "100x" + inFlight, 100, inFlight,
                            id.equals("R1") ? "echo" : "slowEcho", 100, warm, window);
                    p.points.add(new Point(id, spec.point(), (s, r, prior) -> RpcScenario.run(spec, s, r)));
                }
            }
        }
        if (scenarios.contains("C1")) {
            for (int n : quick ? List.of(10000) : List.of(10000, 19000)) {
                // quick: 20 s, idle CPU over the last 10 (the SocketCluster servers' second ping round);
                // full: 60 s, idle CPU over the last 30.
                double settle = quick ? 20 : 60;
                p.points.add(new Point("C1", "N=" + n, (s, r, prior) -> IdleScenario.run("N=" + n, n, settle, s, r)));
            }
        }
        if (scenarios.contains("B1")) {
            // 100 subscribers x 500 publishes/s x 1 KB: 50k deliveries/s, well under every server's
            // ceiling, and 0.5 MB/s piling up for the stalled reader once the kernel buffers are full.
            FanOutSpec spec = new FanOutSpec("B1", "N=100 size=1000 rate=500/s", 100, 0, 1000, 500, 0, openWarm, window, true);
            p.points.add(new Point("B1", spec.point(), (s, r, prior) -> withNs(FanOutScenario.run(spec, s, r), 100, 1000)));
        }
        return p;
    }

    private static Result withNs(Result r, int n, int size) {
        r.metrics().put("n", (double) n);
        r.metrics().put("size", (double) size);
        return r;
    }
}
