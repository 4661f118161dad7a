package dev.switchboard.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording the way {@code jfr print --events jdk.ExecutionSample} would be read by
 * hand: CPU samples by top frame, by first Switchboard frame (which of our code paths the time is
 * under), and allocation samples by class and by first Switchboard frame, weighted by sampled bytes.
 * Usage: {@code JfrSummary <file.jfr> [top]}.
 */
public final class JfrSummary {
    private JfrSummary() {}

    public static void main(String[] args) throws IOException {
        System.out.println(summarize(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 15));
    }

    static String summarize(Path file, int top) throws IOException {
        Map<String, Double> cpuTop = new HashMap<>();
        Map<String, Double> cpuOurs = new HashMap<>();
        Map<String, Double> allocClass = new HashMap<>();
        Map<String, Double> allocOurs = new HashMap<>();
        double cpu = 0;
        double alloc = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            RecordedStackTrace st = e.getStackTrace();
            if (type.equals("jdk.ExecutionSample") && st != null && !st.getFrames().isEmpty()) {
                cpu++;
                cpuTop.merge(frame(st.getFrames().get(0)), 1.0, Double::sum);
                cpuOurs.merge(ours(st.getFrames()), 1.0, Double::sum);
            } else if (type.equals("jdk.ObjectAllocationSample") && st != null) {
                double w = e.getLong("weight");
                alloc += w;
                allocClass.merge(e.getClass("objectClass").getName(), w, Double::sum);
                allocOurs.merge(ours(st.getFrames()), w, Double::sum);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "CPU samples: %.0f%n", cpu));
        table(sb, "top frame (self time)", cpuTop, cpu, top, "%");
        table(sb, "first dev.switchboard frame on the stack (inclusive)", cpuOurs, cpu, top, "%");
        sb.append(String.format(Locale.ROOT, "Allocation samples: %.1f MB sampled weight%n", alloc / 1048576));
        table(sb, "allocated class", allocClass, alloc, top, "%");
        table(sb, "first dev.switchboard frame of the allocation", allocOurs, alloc, top, "%");
        return sb.toString();
    }

    private static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber();
    }

    private static String ours(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("dev.switchboard.") && !type.startsWith("dev.switchboard.benchmarks.")) {
                return frame(f);
            }
        }
        return "(no Switchboard frame: Netty/JDK only)";
    }

    private static void table(StringBuilder sb, String title, Map<String, Double> m, double total, int top, String unit) {
        sb.append("  by ").append(title).append(":\n");
        m.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                .forEach(en -> sb.append(String.format(Locale.ROOT, "    %5.1f%s  %s%n", 100 * en.getValue() / total, unit, en.getKey())));
    }
}
