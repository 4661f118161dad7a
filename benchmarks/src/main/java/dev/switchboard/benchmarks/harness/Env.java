package dev.switchboard.benchmarks.harness;

import java.nio.file.Path;
import java.util.List;

/**
 * How server processes are launched: which java and classpath run the JVM servers (with which flags),
 * where the Node peers live, and whether to pin with {@code taskset} (off in the smoke test).
 *
 * @param java       the java executable for the JVM servers
 * @param classpath  classpath holding the servers (the shaded benchmarks.jar, or the test classpath)
 * @param jvmFlags   heap/GC/CPU flags for the JVM servers, reported verbatim
 * @param nodeDir    {@code benchmarks/node} with node_modules installed by {@code npm ci}
 * @param serverCpu  CPU list for servers ({@code taskset -c}), or null for no pinning
 * @param nice       niceness for servers ({@code nice -n}); 0 leaves the default priority. Off by default:
 *                   on a shared machine it would slow other people's work
 */
record Env(String java, String classpath, List<String> jvmFlags, Path nodeDir, String serverCpu, int nice) {
    static final List<String> DEFAULT_JVM_FLAGS = List.of("-XX:ActiveProcessorCount=1", "-XX:+UseSerialGC",
            "-Xms256m", "-Xmx2g");

    /**
     * The JVM servers' flags: {@link #DEFAULT_JVM_FLAGS}, or the space-separated {@code BENCH_JVM_FLAGS}
     * from the environment when set (for comparing collectors or heap sizes; the report states them).
     */
    static List<String> serverJvmFlags() {
        return serverJvmFlags(System.getenv("BENCH_JVM_FLAGS"));
    }

    static List<String> serverJvmFlags(String override) {
        if (override == null || override.isBlank()) {
            return DEFAULT_JVM_FLAGS;
        }
        return List.of(override.trim().split("\\s+"));
    }

    /** {@code nice}/{@code taskset} in front of every server-side command (servers and their Redis). */
    List<String> launchPrefix() {
        List<String> cmd = new java.util.ArrayList<>();
        if (nice != 0) {
            cmd.addAll(List.of("nice", "-n", Integer.toString(nice)));
        }
        if (serverCpu != null) {
            cmd.addAll(List.of("taskset", "-c", serverCpu));
        }
        return cmd;
    }

    static Env forCurrentJvm(Path nodeDir, String serverCpu) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new Env(java, System.getProperty("java.class.path"), DEFAULT_JVM_FLAGS, nodeDir, serverCpu, 0);
    }
}
