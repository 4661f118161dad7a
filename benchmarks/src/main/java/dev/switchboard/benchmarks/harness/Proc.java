package dev.switchboard.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Linux {@code /proc} readers. CPU is utime+stime of the whole process (all threads) in clock ticks
 * (USER_HZ, 100 on Linux).
 */
final class Proc {
    static final double TICKS_PER_SECOND = 100.0;

    private Proc() {}

    static double cpuSeconds(long pid) {
        String stat = read(pid, "stat");
        if (stat == null) {
            return Double.NaN;
        }
        // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /** A {@code /proc/<pid>/status} field in kB (VmRSS, VmHWM), or NaN. */
    static double statusKb(long pid, String field) {
        String status = read(pid, "status");
        if (status == null) {
            return Double.NaN;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                return Double.parseDouble(line.substring(field.length() + 1).replace("kB", "").trim());
            }
        }
        return Double.NaN;
    }

    /** Busy seconds (everything but idle and iowait) of one CPU since boot, from /proc/stat; NaN if unknown. */
    static double cpuBusySeconds(int cpu) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu" + cpu + " ")) {
                    String[] f = line.trim().split("\\s+");
                    long busy = 0;
                    for (int i = 1; i < f.length && i <= 8; i++) {
                        if (i != 4 && i != 5) { // idle, iowait
                            busy += Long.parseLong(f[i]);
                        }
                    }
                    return busy / TICKS_PER_SECOND;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    static long self() {
        return ProcessHandle.current().pid();
    }

    private static String read(long pid, String file) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/" + file));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
