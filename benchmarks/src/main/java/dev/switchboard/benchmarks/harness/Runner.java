package dev.switchboard.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs every selected server x scenario point (fresh server per point), stores result rows, and
 * writes the report. Usage (see benchmarks/run.sh):
 * <pre>Runner [--quick|--full] [--servers switchboard,switchboard-sio,switchboard-redis2,socket.io,socketcluster,bare-netty]
 *        [--scenarios F1,F2,F3,R1,R2,C1,B1] [--repeats n] [--validate|--no-validate] [--points "F1 N=10000"] [--jfr] [--report-only]
 *        [--results dir] [--md BENCHMARKS.md] [--node benchmarks/node] [--server-cpu 1|none] [--nice n]
 *        [--command "..."]</pre>
 */
public final class Runner {
    /** Runs one point against a started server; {@code prior} holds every result so far. */
    @FunctionalInterface
    interface PointRun {
        Result run(ServerUnderTest server, int repeat, List<Result> prior);
    }

    static final List<String> ALL_SCENARIOS = List.of("F1", "F2", "F3", "R1", "R2", "C1", "B1");
    private static int nextPort = 21000;

    private Runner() {}

    public static void main(String[] args) throws IOException {
        Args a = Args.parse(args);
        Path dir = a.results.resolve(a.profile);
        Files.createDirectories(dir);
        Path file = dir.resolve("results.tsv");
        List<Result> rows = new ArrayList<>(load(file));
        // A re-run replaces exactly the rows it re-measures and keeps the rest (partial runs merge).
        Set<String> serverLabels = new LinkedHashSet<>();
        a.servers.forEach(s -> serverLabels.add(s.label));
        if (!a.reportOnly) {
            dropRemeasured(rows, a.scenarios, serverLabels, a.points);
        }
        Env env = new Env(Env.forCurrentJvm(a.node, null).java(), a.classpath, Env.serverJvmFlags(), a.node, a.serverCpu, a.nice);
        if (a.validate && !a.reportOnly) {
            String v = Validate.run(env, a.servers);
            System.out.println(v);
            Files.writeString(dir.resolve("validation.txt"), Validate.merge(dir.resolve("validation.txt"), v));
        }
        boolean measuredAny = false;
        if (!a.reportOnly) {
            Map<Integer, F3Load.Load> f3Loads = new HashMap<>();
            boolean quick = a.profile.equals("quick");
            Plan plan = Plan.of(a.profile, a.scenarios, (n, prior) -> f3Loads.computeIfAbsent(n,
                    k -> a.f3Load > 0 ? F3Load.given(a.f3Load) : F3Load.calibrate(0.7 * socketIoCeiling(prior, k),
                            rate -> socketIoCores(env, k, rate, quick ? 10 : 15, quick ? 5 : 10))));
            if (!plan.points.isEmpty()) {
                Set<String> measured = new LinkedHashSet<>(ALL_SCENARIOS);
                measured.retainAll(a.scenarios);
                RunLog.append(dir, Report.now(), a.command, measured, List.copyOf(serverLabels));
            }
            int reps = a.repeats > 0 ? a.repeats : plan.repeats;
            Set<String> warmed = new java.util.HashSet<>();
            for (Plan.Point point : plan.points) {
                if (!selected(point.scenario() + " " + point.label(), a.points)) {
                    continue;
                }
                if (warmsGenerator(point.scenario(), warmed)) {
                    System.out.printf("# generator warm-up: %s %s on %s (not recorded)%n", point.scenario(),
                            point.label(), a.servers.get(0).label);
                    runPoint(env, a.servers.get(0), point, 0, new ArrayList<>(rows));
                }
                for (int rep = 1; rep <= reps; rep++) {
                    for (ServerKind kind : a.servers) {
                        Result r = runPoint(env, kind, point, rep, rows);
                        rows.add(r);
                        measuredAny = true;
                        System.out.println(r.toLine());
                        save(file, rows);
                    }
                }
            }
        }
        if (a.jfr) {
            JfrRun.run(env, dir);
        }
        if (a.reportOnly || measuredAny) { // a JFR-only run measures nothing and leaves the report alone
            Report.write(a.profile, rows, dir, a.md, a.command, env);
        }
    }

    /**
     * Whether the generator runs {@code scenario} once, unrecorded, before its first measured point in
     * this process (and notes it in {@code warmed}). Without it, whichever server came first got the
     * longer tail: in thirteen quick R1 100x1 runs the first server's p99 had a median of 4.5 ms, and in
     * thirteen the second server's 2.3 ms, whichever endpoint was first. C1 is left out: it measures
     * the server's memory and connect cost, and a warm-up there would take minutes.
     */
    static boolean warmsGenerator(String scenario, Set<String> warmed) {
        return !scenario.equals("C1") && warmed.add(scenario);
    }

    static Result runPoint(Env env, ServerKind kind, Plan.Point point, int rep, List<Result> prior) {
        System.out.printf("# %s %s on %s (repeat %d)%n", point.scenario(), point.label(), kind.label, rep);
        for (int attempt = 0; attempt < 2; attempt++) {
            int port = nextPort++;
            try (ServerUnderTest server = kind.start(env, port)) {
                Result r = point.run().run(server, rep, prior);
                if (!server.isAlive()) {
                    r.metrics().put("serverDied", 1.0);
                }
                return r;
            } catch (RuntimeException e) {
                System.out.println("#   failed: " + e);
                if (attempt == 1) {
                    return failed(point, kind, rep);
                }
            }
        }
        return failed(point, kind, rep);
    }

    /**
     * Removes the stored rows this run measures again: its scenarios on its servers, and with {@code
     * --points} only the selected points, so a run of N=19000 keeps the stored N=5000 rows.
     */
    static void dropRemeasured(List<Result> rows, Set<String> scenarios, Set<String> servers, String points) {
        rows.removeIf(r -> scenarios.contains(r.scenario()) && servers.contains(r.server())
                && selected(r.scenario() + " " + r.point(), points));
    }

    /** Whether {@code --points} (null: every point) selects the point labelled "scenario label". */
    static boolean selected(String label, String points) {
        return points == null || java.util.Arrays.stream(points.split(",")).anyMatch(p -> matches(label, p));
    }

    /** {@code --points} matching: "size=100" also selects size=1000, "size=100$" only the label that ends so. */
    static boolean matches(String label, String part) {
        return part.endsWith("$") ? label.endsWith(part.substring(0, part.length() - 1)) : label.contains(part);
    }

    private static Result failed(Plan.Point point, ServerKind kind, int rep) {
        Result.Metrics m = new Result.Metrics().put("failed", 1);
        return new Result(point.scenario(), point.label(), kind.label, rep, m.map);
    }

    /**
     * One F3 calibration step ({@link F3Load}): socket.io on a fresh process, {@code n} subscribers at
     * {@code deliveries} a second; its busy cores over the window, or NaN if the point failed.
     */
    private static double socketIoCores(Env env, int n, double deliveries, double warm, double window) {
        FanOutSpec spec = new FanOutSpec("F3", "calibration", n, 0, 100, deliveries / n, 0, warm, window, false);
        try (ServerUnderTest server = ServerKind.SOCKETIO.start(env, nextPort++)) {
            Result r = FanOutScenario.run(spec, server, 0);
            double cores = r.get("serverCores");
            System.out.printf("# F3 calibration N=%d: %.0f deliveries/s offered, socket.io at %.2f cores%n", n, deliveries, cores);
            return cores;
        } catch (RuntimeException e) {
            System.out.println("# F3 calibration N=" + n + " failed: " + e);
            return Double.NaN;
        }
    }

    /** socket.io's saturated F1 rate (100 B) at {@code n} from this run, else the figure in the notes. */
    static double socketIoCeiling(List<Result> prior, int n) {
        double[] rates = prior.stream().filter(r -> r.scenario().equals("F1") && r.server().equals("socket.io")
                        && r.get("n") == n && r.get("size") == 100 && !(r.get("failed") > 0))
                .mapToDouble(r -> r.get("rate")).sorted().toArray();
        if (rates.length > 0) {
            return rates[rates.length / 2];
        }
        // performance.md §2, measured on this machine kind with the Node generator.
        return n <= 1000 ? 120_000 : n <= 5000 ? 93_000 : n <= 10000 ? 80_000 : 70_000;
    }

    static List<Result> load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Result> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                out.add(Result.parse(line));
            }
        }
        return out;
    }

    private static void save(Path file, List<Result> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        rows.forEach(r -> lines.add(r.toLine()));
        Files.write(file, lines);
    }

    /** Command-line options. */
    static final class Args {
        String profile = "quick";
        List<ServerKind> servers = Arrays.stream(ServerKind.values()).filter(ServerKind::inDefaultRun).toList();
        Set<String> scenarios = new LinkedHashSet<>(ALL_SCENARIOS);
        int repeats;
        boolean validate;
        String points; // null: every point of the plan; else only those whose "scenario label" contains one of its comma-separated parts (a part ending in '$': ends with it)
        boolean jfr;
        boolean reportOnly;
        Path results = Path.of("benchmarks/results");
        Path md = Path.of("BENCHMARKS.md");
        Path node = Path.of("benchmarks/node");
        String serverCpu = "1";
        int nice;
        double f3Load; // > 0: F3's offered deliveries per second as given, without calibrating on socket.io
        String classpath = System.getProperty("java.class.path");
        String command = "benchmarks/run.sh";

        static Args parse(String[] args) {
            Args a = new Args();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> a.profile = "quick";
                    case "--full" -> a.profile = "full";
                    case "--servers" -> a.servers = Arrays.stream(args[++i].split(",")).map(ServerKind::byLabel).toList();
                    case "--scenarios" -> a.scenarios = new LinkedHashSet<>(Arrays.asList(args[++i].toUpperCase().split(",")));
                    case "--repeats" -> a.repeats = Integer.parseInt(args[++i]);
                    case "--validate" -> a.validate = true;
                    case "--no-validate" -> a.validate = false;
                    case "--points" -> a.points = args[++i];
                    case "--jfr" -> a.jfr = true;
                    case "--report-only" -> a.reportOnly = true;
                    case "--results" -> a.results = Path.of(args[++i]);
                    case "--md" -> a.md = Path.of(args[++i]);
                    case "--node" -> a.node = Path.of(args[++i]);
                    case "--server-cpu" -> a.serverCpu = args[++i].equals("none") ? null : args[i];
                    case "--command" -> a.command = args[++i];
                    case "--nice" -> a.nice = Integer.parseInt(args[++i]);
                    case "--f3-load" -> a.f3Load = F3Load.given(Double.parseDouble(args[++i])).deliveries();
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return a;
        }
    }
}
