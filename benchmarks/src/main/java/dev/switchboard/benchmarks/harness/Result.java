package dev.switchboard.benchmarks.harness;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One measured data point: scenario, the point within it (such as {@code N=1000 size=100}), server,
 * repeat, and named metrics. Stored one per line as tab-separated {@code key=value} so partial runs
 * can be merged and re-reported without re-running.
 */
record Result(String scenario, String point, String server, int repeat, Map<String, Double> metrics) {

    double get(String key) {
        return metrics.getOrDefault(key, Double.NaN);
    }

    String toLine() {
        StringBuilder sb = new StringBuilder();
        sb.append("scenario=").append(scenario).append('\t').append("point=").append(point).append('\t')
                .append("server=").append(server).append('\t').append("repeat=").append(repeat);
        metrics.forEach((k, v) -> sb.append('\t').append(k).append('=').append(String.format(Locale.ROOT, "%.6g", v)));
        return sb.toString();
    }

    static Result parse(String line) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String part : line.split("\t")) {
            int eq = part.indexOf('=');
            f.put(part.substring(0, eq), part.substring(eq + 1));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        f.forEach((k, v) -> {
            if (!k.equals("scenario") && !k.equals("point") && !k.equals("server") && !k.equals("repeat")) {
                metrics.put(k, Double.parseDouble(v));
            }
        });
        return new Result(f.get("scenario"), f.get("point"), f.get("server"), Integer.parseInt(f.get("repeat")), metrics);
    }

    /** Builds metric maps fluently in insertion order. */
    static final class Metrics {
        final Map<String, Double> map = new LinkedHashMap<>();

        Metrics put(String key, double value) {
            map.put(key, value);
            return this;
        }
    }
}
