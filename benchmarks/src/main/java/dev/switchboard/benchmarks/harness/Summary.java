package dev.switchboard.benchmarks.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repeats folded into one cell per (scenario, point, server): the median of every metric, plus the
 * min and max of each so reports can show the spread. Failed repeats are left out and counted.
 */
final class Summary {
    /** One folded cell. */
    record Cell(String scenario, String point, String server, int repeats, int failed,
            Map<String, Double> median, Map<String, Double> min, Map<String, Double> max) {
        double get(String key) {
            return median.getOrDefault(key, Double.NaN);
        }
    }

    private final Map<String, Cell> cells = new LinkedHashMap<>();

    Summary(List<Result> rows) {
        Map<String, List<Result>> groups = new LinkedHashMap<>();
        for (Result r : rows) {
            groups.computeIfAbsent(key(r.scenario(), r.point(), r.server()), k -> new ArrayList<>()).add(r);
        }
        groups.forEach((k, list) -> {
            List<Result> ok = list.stream().filter(r -> !(r.get("failed") > 0)).toList();
            Map<String, Double> med = new LinkedHashMap<>();
            Map<String, Double> min = new LinkedHashMap<>();
            Map<String, Double> max = new LinkedHashMap<>();
            if (!ok.isEmpty()) {
                for (String metric : ok.get(0).metrics().keySet()) {
                    double[] v = ok.stream().mapToDouble(r -> r.get(metric)).filter(d -> !Double.isNaN(d))
                            .filter(d -> !Window.isImpossibleCoreShare(metric, d)).sorted().toArray();
                    if (v.length == 0) {
                        continue;
                    }
                    med.put(metric, v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
                    min.put(metric, Arrays.stream(v).min().orElseThrow());
                    max.put(metric, Arrays.stream(v).max().orElseThrow());
                }
            }
            Result first = list.get(0);
            cells.put(k, new Cell(first.scenario(), first.point(), first.server(), ok.size(), list.size() - ok.size(), med, min, max));
        });
    }

    private static String key(String scenario, String point, String server) {
        return scenario + "|" + point + "|" + server;
    }

    Cell cell(String scenario, String point, String server) {
        return cells.get(key(scenario, point, server));
    }

    /** Points of a scenario in first-seen order. */
    List<String> points(String scenario) {
        List<String> out = new ArrayList<>();
        for (Cell c : cells.values()) {
            if (c.scenario().equals(scenario) && !out.contains(c.point())) {
                out.add(c.point());
            }
        }
        return out;
    }

    /** Servers with a cell in a scenario, in first-seen order. */
    List<String> servers(String scenario) {
        List<String> out = new ArrayList<>();
        for (Cell c : cells.values()) {
            if (c.scenario().equals(scenario) && !out.contains(c.server())) {
                out.add(c.server());
            }
        }
        return out;
    }

    /** {@code server}'s median of {@code metric} over {@code other}'s at the same point, or NaN. */
    double ratio(String scenario, String point, String server, String other, String metric) {
        Cell s = cell(scenario, point, server);
        Cell o = cell(scenario, point, other);
        if (s == null || o == null || s.repeats() == 0 || o.repeats() == 0) {
            return Double.NaN;
        }
        return s.get(metric) / o.get(metric);
    }
}
