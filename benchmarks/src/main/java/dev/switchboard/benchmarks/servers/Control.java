package dev.switchboard.benchmarks.servers;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The harness-to-server control channel over stdin/stdout: {@code READY <port>} once listening, and on
 * a {@code stats} line a full GC then {@code STATS heapUsed=<bytes>}. Stdin closing (harness gone)
 * ends the process, so a crashed harness cannot leave servers behind.
 */
final class Control {
    private Control() {}

    static void readyAndServe(int port) {
        System.out.println("READY " + port);
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.trim().equals("stats")) {
                    System.gc();
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    System.out.println("STATS heapUsed=" + used);
                    System.out.flush();
                }
            }
        } catch (Exception ignored) {
            // fall through to exit
        }
        System.exit(0); // not halt: shutdown hooks must run so a -XX:StartFlightRecording dump is written
    }
}
