package dev.switchboard.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one profile's section of BENCHMARKS.md (between {@code <!-- harness:<profile>:begin/end -->},
 * replaced in place, other sections untouched) and its PNG plots, from the stored result rows.
 */
final class Report {
    private static final String SB = ServerKind.SWITCHBOARD.label;
    private static final String SIO = ServerKind.SOCKETIO.label;
    private static final String SC = ServerKind.SOCKETCLUSTER.label;
    private static final String BARE = ServerKind.BARE_NETTY.label;
    private static final String SB_SIO = ServerKind.SWITCHBOARD_SIO.label;
    private static final String SB_REDIS2 = ServerKind.SWITCHBOARD_REDIS2.label;
    private static final List<String> SERVERS = List.of(SB, SB_REDIS2, SB_SIO, SIO, SC, BARE);

    private record Col(String header, String key, char kind) {}

    private Report() {}

    static void write(String profile, List<Result> rows, Path dir, Path md, String command, Env env) throws IOException {
        Summary s = new Summary(rows);
        StringBuilder sb = new StringBuilder();
        sb.append("## Cross-server load harness: ").append(profile).append(" profile\n\n");
        sb.append(Machine.describe(profile, command, env, dir));
        sb.append(RunLog.describe(RunLog.load(dir), s, Runner.ALL_SCENARIOS));
        Path validation = dir.resolve("validation.txt");
        if (Files.exists(validation)) {
            sb.append("Adapter validation (raw generator vs the official npm clients on the same server):\n\n```\n")
                    .append(Files.readString(validation).strip()).append("\n```\n\n");
        }
        List<Col> fan = List.of(new Col("deliveries/s", "rate", 'r'), new Col("server cores", "serverCores", 'c'),
                new Col("deliveries/CPU-s", "perCpuS", 'r'), new Col("gen cores", "genCores", 'c'),
                new Col("others on server core", "othersOnServerCore", 'c'), new Col("deliveries/write", "framesPerWrite", 'c'), new Col("p50 ms", "p50", 'm'),
                new Col("p99 ms", "p99", 'm'), new Col("delivered %", "completeness", '%'), new Col("gaps", "gaps", 'i'));
        section(sb, s, "F1", "F1 fan-out, one room, saturated (closed loop: ≤ 4·N deliveries in flight)", fan,
                "Latency here is queueing at saturation, not a latency result (see F3)."
                        + (s.servers("F1").contains(SB_REDIS2) ? " `" + SB_REDIS2 + "`: two Switchboard nodes with the "
                        + "Redis broker on one redis-server, half the subscribers on each, the publisher on the first; "
                        + "its server cores, CPU-seconds and writes are the sum of the three processes, all on the "
                        + "server core." : ""));
        ratios(sb, s, "F1", "perCpuS", "rate", "Target: ≥ 3× socket.io deliveries per CPU-second and ≥ 70% of bare Netty.");
        section(sb, s, "F2", "F2 many rooms (each connection in a personal room + a 10-member group; publishes alternate)",
                fan.subList(0, 9), "");
        ratios(sb, s, "F2", "perCpuS", "rate", "");
        section(sb, s, "F3", "F3 fixed load: where socket.io uses about 70% of its core at the same N, open loop, 100 B",
                List.of(new Col("offered deliveries/s", "offered", 'r'),
                        new Col("socket.io cores at it (calibration)", "calibrationSioCores", 'c'), new Col("delivered/s", "rate", 'r'),
                        new Col("server cores", "serverCores", 'c'), new Col("gen cores", "genCores", 'c'),
                        new Col("others on server core", "othersOnServerCore", 'c'), new Col("p50 ms", "p50", 'm'), new Col("p99 ms", "p99", 'm'), new Col("p99.9 ms", "p999", 'm'),
                        new Col("max ms", "max", 'm'), new Col("delivered %", "completeness", '%'), new Col("gaps", "gaps", 'i')),
                "Latency is publish (intended send time) → receipt, same clock. Offered load: before F3, the harness "
                        + "measures socket.io (fresh process, same N, short warm-up) at 70% of its median F1 rate at the same N "
                        + "(F1 of the same run when it ran, else the stored rows), scales the rate by 0.70 ÷ the cores it "
                        + "used, up to three measurements, and keeps the measured rate whose cores came nearest 0.70; every "
                        + "server gets that rate. Rows stored before this calibration (– in its column) ran at the "
                        + "first guess. Target: Switchboard p99 ≤ 10 ms.");
        List<Col> rpc = List.of(new Col("round trips/s", "rate", 'r'), new Col("server cores", "serverCores", 'c'),
                new Col("round trips/CPU-s", "perCpuS", 'r'), new Col("gen cores", "genCores", 'c'),
                new Col("others on server core", "othersOnServerCore", 'c'),
                new Col("p50 ms", "p50", 'm'), new Col("p99 ms", "p99", 'm'), new Col("p99.9 ms", "p999", 'm'),
                new Col("errors", "errors", 'i'));
        section(sb, s, "R1", "R1 RPC echo, 100 clients × in-flight calls, 100 B", rpc, "");
        ratios(sb, s, "R1", "perCpuS", "rate", "Target: ≥ 2× socket.io round trips per CPU-second; p99 ≤ 2 ms at 100×1.");
        section(sb, s, "R2", "R2 RPC with a 5 ms handler (ceiling: clients × in-flight / 5 ms = 20k/s and 200k/s)", rpc, "");
        ratios(sb, s, "R2", "perCpuS", "rate", "");
        section(sb, s, "C1", "C1 idle memory and C2 connect cost (warm-up round of N/4 connections, closed; C1: N connections, 200 handshakes in flight, idle with pings; C2: those closed, unmeasured rounds of N connected and closed until the server has taken 60k connections, then N more connected)",
                List.of(new Col("connected", "connected", 'i'), new Col("RSS KB/conn", "rssKbPerConn", 'k'),
                        new Col("heap KB/conn", "heapKbPerConn", 'k'), new Col("idle cores", "idleCores", 'c'),
                        new Col("C2 conn/s", "connPerS", 'r'), new Col("C2 server CPU ms/conn", "cpuMsPerConn", 'm'),
                        new Col("first round CPU ms/conn", "firstRoundCpuMsPerConn", 'm'),
                        new Col("C2 connect p99 ms", "connectP99", 'm'), new Col("gen cores (connect)", "connectGenCores", 'c')),
                "Growth over the server's own baseline after start-up (RSS) and after a full GC (heap: JVM MemoryMXBean, "
                        + "Node heapUsed). Idle cores: server CPU over the second half of the settle time (quick: 10 of 20 s; full: 30 of 60 s; "
                        + "rows measured before 2026-12-06 23:40 UTC: the whole first 10 s, which held the connect burst's JIT work and a cold first ping round). "
                        + "C2 rows measured before 2026-12-07 11:00 UTC had one unmeasured round of N before theirs, in which the JVM servers' "
                        + "JIT compiler still took about 40 % of the server's CPU (the late-morning round of 2026-12-07). "
                        + "Targets: ≤ 8 KB per idle connection; ≤ 0.2 ms server CPU per connection.");
        section(sb, s, "B1", "B1 slow consumer (one of 100 subscribers stops reading; 500 × 1 KB publishes/s)",
                List.of(new Col("others p99 before ms", "p99", 'm'), new Col("others p99 during ms", "p99During", 'm'),
                        new Col("RSS before MB", "rssBeforeStallMb", 'k'), new Col("max RSS during MB", "rssMaxDuringStallMb", 'k'),
                        new Col("RSS growth MB", "rssGrowthMb", 'k'), new Col("stalled conn still open", "stalledStillOpen", 'i'),
                        new Col("others delivered %", "completeness", '%')),
                "The stall lasts twice the measured window. Bounded memory means the growth stops (Switchboard "
                        + "disconnects a socket whose outbound buffer passes 1 MiB).");
        charts(s, dir);
        String rel = md.toAbsolutePath().getParent().relativize(dir.toAbsolutePath()).toString();
        if (!s.points("F1").isEmpty()) {
            sb.append("![F1 deliveries/s vs N](").append(rel).append("/f1-deliveries.png)\n")
                    .append("![F1 deliveries per server CPU-second vs N](").append(rel).append("/f1-per-cpu.png)\n\n");
        }
        if (!s.points("F3").isEmpty()) {
            sb.append("![F3 p99 latency vs N](").append(rel).append("/f3-latency.png)\n\n");
        }
        replaceSection(md, profile, sb.toString());
    }

    private static void section(StringBuilder sb, Summary s, String scenario, String title, List<Col> cols, String note) {
        List<String> points = s.points(scenario);
        if (points.isEmpty()) {
            return;
        }
        sb.append("### ").append(title).append("\n\n| point | server |");
        cols.forEach(c -> sb.append(' ').append(c.header()).append(" |"));
        sb.append("\n|---|---|");
        cols.forEach(c -> sb.append("---:|"));
        sb.append('\n');
        for (String p : points) {
            for (String server : SERVERS) {
                Summary.Cell cell = s.cell(scenario, p, server);
                if (cell == null) {
                    continue;
                }
                sb.append("| ").append(p).append(" | ").append(server).append(" |");
                if (cell.repeats() == 0) {
                    cols.forEach(c -> sb.append(" failed |"));
                    sb.append('\n');
                    continue;
                }
                for (Col c : cols) {
                    sb.append(' ').append(format(cell.get(c.key()), c.kind()));
                    if (c.key().equals("rate") && cell.repeats() > 1) {
                        sb.append(" (").append(format(cell.min().get("rate"), 'r')).append("–")
                                .append(format(cell.max().get("rate"), 'r')).append(')');
                    }
                    if (c.key().equals("rate") && cell.get("genCores") > 0.8) {
                        sb.append(" ⚠gen");
                    }
                    if (c.key().equals("completeness") && cell.get("completeness") < 0.9999) {
                        sb.append(" ✗");
                    }
                    sb.append(" |");
                }
                sb.append('\n');
            }
        }
        sb.append('\n');
        if (!note.isEmpty()) {
            sb.append(note).append("\n\n");
        }
    }

    /**
     * Switchboard's SocketCluster endpoint against every peer, and its Socket.IO endpoint against
     * socket.io (same protocol, same generator adapter: the like-for-like comparison).
     */
    private static void ratios(StringBuilder sb, Summary s, String scenario, String perCpu, String wall, String note) {
        List<String> points = s.points(scenario);
        if (points.isEmpty() || points.stream().noneMatch(p -> s.cell(scenario, p, SB) != null || s.cell(scenario, p, SB_SIO) != null)) {
            return;
        }
        List<String[]> pairs = new ArrayList<>(List.of(new String[] {SB, SIO}, new String[] {SB, SC},
                new String[] {SB, BARE}, new String[] {SB_SIO, SIO}));
        if (s.servers(scenario).contains(SB_REDIS2)) {
            pairs.add(new String[] {SB_REDIS2, SB}); // what the second node and Redis cost, per delivery
        }
        sb.append("Ratios (per CPU-second first, wall-clock in brackets; `switchboard` is the SocketCluster endpoint, ")
                .append("`switchboard-sio` the Socket.IO endpoint):\n\n| point |");
        for (String[] pair : pairs) {
            sb.append(' ').append(pair[0]).append(" ÷ ").append(pair[1].equals(BARE) ? "bare Netty" : pair[1]).append(" |");
        }
        sb.append("\n|---|").append("---:|".repeat(pairs.size())).append('\n');
        for (String p : points) {
            sb.append("| ").append(p).append(" |");
            for (String[] pair : pairs) {
                sb.append(' ').append(format(s.ratio(scenario, p, pair[0], pair[1], perCpu), 'x')).append(" (")
                        .append(format(s.ratio(scenario, p, pair[0], pair[1], wall), 'x')).append(") |");
            }
            sb.append('\n');
        }
        sb.append('\n');
        if (!note.isEmpty()) {
            sb.append(note).append("\n\n");
        }
    }

    private static void charts(Summary s, Path dir) throws IOException {
        Map<String, List<double[]>> wall = new LinkedHashMap<>();
        Map<String, List<double[]>> cpu = new LinkedHashMap<>();
        Map<String, List<double[]>> p99 = new LinkedHashMap<>();
        for (String server : SERVERS) {
            for (String p : s.points("F1")) {
                Summary.Cell c = s.cell("F1", p, server);
                if (c != null && c.get("size") == 100) {
                    wall.computeIfAbsent(server, k -> new ArrayList<>()).add(new double[] {c.get("n"), c.get("rate")});
                    cpu.computeIfAbsent(server, k -> new ArrayList<>()).add(new double[] {c.get("n"), c.get("perCpuS")});
                }
            }
            for (String p : s.points("F3")) {
                Summary.Cell c = s.cell("F3", p, server);
                if (c != null) {
                    p99.computeIfAbsent(server, k -> new ArrayList<>()).add(new double[] {c.get("n"), c.get("p99")});
                }
            }
        }
        if (!wall.isEmpty()) {
            Charts.lines(dir.resolve("f1-deliveries.png"), "F1 fan-out, 100 B: deliveries/s at saturation (1 server core)",
                    "subscribers N", "deliveries/s", wall, false);
            Charts.lines(dir.resolve("f1-per-cpu.png"), "F1 fan-out, 100 B: deliveries per server CPU-second",
                    "subscribers N", "deliveries/CPU-s", cpu, false);
        }
        if (!p99.isEmpty()) {
            Charts.lines(dir.resolve("f3-latency.png"), "F3 where socket.io uses ~70% of its core: p99 latency (log scale)",
                    "subscribers N", "p99 ms", p99, true);
        }
    }

    static String format(Double boxed, char kind) {
        double v = boxed == null ? Double.NaN : boxed;
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        return switch (kind) {
            case 'r' -> Charts.fmt(v);
            case 'c' -> String.format(Locale.ROOT, "%.2f", v);
            case 'm' -> v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                    : String.format(Locale.ROOT, "%.2f", v);
            case '%' -> String.format(Locale.ROOT, "%.3f", 100 * v);
            case 'i' -> String.format(Locale.ROOT, "%.0f", v);
            case 'k' -> String.format(Locale.ROOT, "%.1f", v);
            case 'x' -> String.format(Locale.ROOT, "%.2f×", v);
            default -> Double.toString(v);
        };
    }

    private static void replaceSection(Path md, String profile, String body) throws IOException {
        String begin = "<!-- harness:" + profile + ":begin (generated by benchmarks/run.sh; edits are overwritten) -->";
        String end = "<!-- harness:" + profile + ":end -->";
        String text = Files.exists(md) ? Files.readString(md) : "# Benchmarks\n";
        String block = begin + "\n" + body.strip() + "\n" + end;
        int b = text.indexOf("<!-- harness:" + profile + ":begin");
        int e = text.indexOf(end);
        if (b >= 0 && e > b) {
            text = text.substring(0, b) + block + text.substring(e + end.length());
        } else {
            text = text.stripTrailing() + "\n\n" + block + "\n";
        }
        Files.writeString(md, text);
    }

    static String now() {
        return ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
    }
}
