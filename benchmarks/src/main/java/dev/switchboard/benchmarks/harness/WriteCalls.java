package dev.switchboard.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Counts a server's write-family system calls ({@code write}, {@code writev}, {@code sendto}, {@code
 * sendmsg}) with perf's syscall tracepoints, for the deliveries-per-write column. {@code /proc/PID/io}'s
 * {@code syscw}, used before 2026-12-07, counts {@code write} and {@code writev} only, and Netty's epoll
 * transport flushes a single buffer with {@code sendto}: 15–21 % of the SocketCluster endpoint's calls
 * in F1 points measured on 2026-12-07, so that column overstated the JVM servers. Counting costs each traced call a little,
 * so it runs in a window of its own after the measured one. Without perf (or without the permission
 * to trace another process) the column stays empty rather than undercounted.
 */
final class WriteCalls {
    static final List<String> EVENTS = List.of("syscalls:sys_enter_write", "syscalls:sys_enter_writev",
            "syscalls:sys_enter_sendto", "syscalls:sys_enter_sendmsg");
    private static final Pattern COUNT = Pattern.compile("^\\s*(\\d+|<not counted>)\\s+(syscalls:\\S+)", Pattern.MULTILINE);
    private static final Pattern ELAPSED = Pattern.compile("([0-9.]+) seconds time elapsed");

    private WriteCalls() {}

    /** A running count; {@link #callsPerSecond()} waits for it to end. */
    static final class Counting {
        private final Process perf;
        private final Path out;
        private final double seconds;

        private Counting(Process perf, Path out, double seconds) {
            this.perf = perf;
            this.out = out;
            this.seconds = seconds;
        }

        /** Calls per second over perf's own counting time, or empty when perf failed. */
        OptionalDouble callsPerSecond() {
            try {
                if (!perf.waitFor((long) (seconds * 1000) + 10_000, TimeUnit.MILLISECONDS)) {
                    perf.destroyForcibly();
                    return OptionalDouble.empty();
                }
                String text = Files.readString(out);
                return perf.exitValue() == 0 ? parse(text) : OptionalDouble.empty();
            } catch (IOException e) {
                return OptionalDouble.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                perf.destroyForcibly();
                return OptionalDouble.empty();
            } finally {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temp file left behind
                }
            }
        }
    }

    /** Starts counting the calls of {@code pids} (every thread of each) for {@code seconds}. */
    static Optional<Counting> start(List<Long> pids, double seconds) {
        try {
            Path out = Files.createTempFile("perf-writes", ".txt");
            String pidList = pids.stream().map(String::valueOf).collect(Collectors.joining(","));
            Process perf = new ProcessBuilder("perf", "stat", "--no-big-num", "-o", out.toString(),
                    "-e", String.join(",", EVENTS), "-p", pidList, "--", "sleep", Double.toString(seconds))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return Optional.of(new Counting(perf, out, seconds));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** perf stat's report: the four counts (a thread that never ran reads "not counted", i.e. 0) over the elapsed time. */
    static OptionalDouble parse(String report) {
        Matcher m = COUNT.matcher(report);
        long calls = 0;
        int events = 0;
        while (m.find()) {
            events++;
            if (!m.group(1).startsWith("<")) {
                calls += Long.parseLong(m.group(1));
            }
        }
        Matcher e = ELAPSED.matcher(report);
        if (events != EVENTS.size() || !e.find()) {
            return OptionalDouble.empty();
        }
        double elapsed = Double.parseDouble(e.group(1));
        return elapsed > 0 ? OptionalDouble.of(calls / elapsed) : OptionalDouble.empty();
    }
}
