package dev.switchboard.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which run measured which rows. A profile's results.tsv merges partial runs, so the report's single
 * "Generated ... by" line cannot say when each table was measured; every measuring run appends one line
 * to {@code runs.tsv} (start time, command, scenarios, servers) and the report names, per scenario, the
 * last run that measured it.
 */
final class RunLog {
    /** One logged run. */
    record Run(String started, String command, Set<String> scenarios, Set<String> servers) {}

    private RunLog() {}

    static void append(Path dir, String started, String command, Set<String> scenarios, List<String> servers)
            throws IOException {
        String line = "started=" + started + "\tcommand=" + command.replace('\t', ' ') + "\tscenarios="
                + String.join(",", scenarios) + "\tservers=" + String.join(",", servers) + "\n";
        Files.writeString(dir.resolve("runs.tsv"), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    static List<Run> load(Path dir) throws IOException {
        Path file = dir.resolve("runs.tsv");
        List<Run> runs = new ArrayList<>();
        if (!Files.exists(file)) {
            return runs;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> f = new LinkedHashMap<>();
            for (String part : line.split("\t")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    f.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            runs.add(new Run(f.getOrDefault("started", "?"), f.getOrDefault("command", "?"),
                    split(f.get("scenarios")), split(f.get("servers"))));
        }
        return runs;
    }

    private static Set<String> split(String csv) {
        return csv == null || csv.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(csv.split(",")));
    }

    /**
     * Markdown bullets: each scenario with rows, grouped under the last logged run that measured it
     * (oldest first), plus the scenarios no logged run covers. Servers with rows that the run did not
     * include are named, since their rows come from an earlier run, and so is a run limited to some points.
     */
    static String describe(List<Run> runs, Summary s, List<String> scenarios) {
        Map<Integer, List<String>> byRun = new LinkedHashMap<>();
        for (String scenario : scenarios) {
            if (s.points(scenario).isEmpty()) {
                continue;
            }
            int last = -1;
            for (int i = 0; i < runs.size(); i++) {
                if (runs.get(i).scenarios().contains(scenario)) {
                    last = i;
                }
            }
            byRun.computeIfAbsent(last, k -> new ArrayList<>()).add(scenario);
        }
        if (byRun.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("Which run measured each table (results.tsv merges runs; a run replaces "
                + "only the rows of its own scenarios, servers and points):\n\n");
        List<Integer> order = new ArrayList<>(byRun.keySet());
        order.sort(Integer::compare);
        for (int i : order) {
            List<String> list = byRun.get(i);
            sb.append("- ").append(String.join(", ", list)).append(": ");
            if (i < 0) {
                sb.append("earlier runs, not logged (before runs.tsv existed).\n");
                continue;
            }
            Run run = runs.get(i);
            sb.append("run started ").append(run.started()).append(", `").append(run.command()).append('`');
            Set<String> older = new LinkedHashSet<>();
            for (String scenario : list) {
                for (String server : s.servers(scenario)) {
                    if (!run.servers().contains(server)) {
                        older.add(server);
                    }
                }
            }
            if (!older.isEmpty()) {
                sb.append(" (rows of ").append(String.join(", ", older)).append(" from earlier runs)");
            }
            if (run.command().contains("--points")) {
                sb.append(" (only the points its `--points` selects; the other points from earlier runs)");
            }
            sb.append(".\n");
        }
        return sb.append('\n').toString();
    }
}
