package dev.switchboard.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Profiles Switchboard alone under F1 (N=1000, 100 B, saturated), R1 (100 x 10 by default) and C1 (10k idle
 * connections): the server runs with
 * {@code -XX:StartFlightRecording} (profile settings: CPU samples every 10 ms, allocation samples),
 * starting 6 s in so start-up and the first JIT work stay out, and dumps on exit; the summaries go next
 * to the recordings. These runs are not results: JFR costs a few percent.
 */
final class JfrRun {
    private JfrRun() {}

    static void run(Env env, Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        // JFR_SERVER picks the server kind (default switchboard), JFR_N the fan-out size (default 1000),
        // JFR_INFLIGHT R1's calls in flight per connection (default 10), JFR_SCENARIOS a subset of F1,F2,R1,C1.
        ServerKind kind = ServerKind.byLabel(System.getenv().getOrDefault("JFR_SERVER", "switchboard"));
        int n = Integer.parseInt(System.getenv().getOrDefault("JFR_N", "1000"));
        List<String> scenarios = List.of(System.getenv().getOrDefault("JFR_SCENARIOS", "F1,R1,C1").split(","));
        FanOutSpec f1 = new FanOutSpec("F1", "N=" + n + " size=100", n, 0, 100, 0, 4 * n, 6, 25, false);
        FanOutSpec f2 = Plan.f2(6, 25);
        int inFlight = Integer.parseInt(System.getenv().getOrDefault("JFR_INFLIGHT", "10"));
        RpcScenario.Spec r1 = new RpcScenario.Spec("R1", "100x" + inFlight, 100, inFlight, "echo", 100, 6, 25);
        for (String scenario : scenarios) {
            Plan.Point point = switch (scenario) {
                case "F1" -> new Plan.Point("F1", f1.point(), (s, r, prior) -> FanOutScenario.run(f1, s, r));
                case "F2" -> new Plan.Point("F2", f2.point(), (s, r, prior) -> FanOutScenario.run(f2, s, r));
                case "R1" -> new Plan.Point("R1", r1.point(), (s, r, prior) -> RpcScenario.run(r1, s, r));
                // Idle: 10k connections sitting with pings; the recording starts after most connects.
                default -> new Plan.Point("C1", "N=10000", (s, r, prior) -> IdleScenario.run("N=10000", 10000, 20, s, r));
            };
            Path jfr = dir.resolve(kind.label + "-" + scenario + ".jfr").toAbsolutePath();
            Files.deleteIfExists(jfr);
            List<String> flags = List.of("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,delay=6s,dumponexit=true");
            try (ServerProcess server = ServerProcess.start(kind, env, 20900 + all.length() % 50, flags)) {
                Result r = point.run().run(server, 1, List.of());
                all.append("## ").append(scenario).append(' ').append(point.label()).append(" under JFR: ")
                        .append(r.toLine()).append('\n');
            }
            if (Files.exists(jfr)) {
                all.append(JfrSummary.summarize(jfr, 15)).append('\n');
            } else {
                all.append("(no recording written)\n");
            }
        }
        Files.writeString(dir.resolve("jfr-summary.txt"), all.toString());
        System.out.println(all);
    }
}
