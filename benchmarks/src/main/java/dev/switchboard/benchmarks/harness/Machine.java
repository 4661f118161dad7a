package dev.switchboard.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The "how was this measured" paragraph: machine, versions, flags, pinning and the exact command. */
final class Machine {
    private Machine() {}

    static String describe(String profile, String command, Env env, Path dir) {
        StringBuilder sb = new StringBuilder();
        sb.append("Generated ").append(Report.now()).append(" by `").append(command).append("` (profile `")
                .append(profile).append("`; rows in `").append(dir).append("/results.tsv`; re-render with `--report-only`).\n\n");
        sb.append("- Machine: ").append(cpuModel()).append(", ").append(sh("nproc", "--all"))
                .append(" cores, ").append(memGb()).append(" GiB, Linux ").append(sh("uname", "-r"))
                .append(", open-file limit 20000; shared and noisy, so ratios are taken within one run.\n");
        sb.append("- Pinning: every server on core ").append(env.serverCpu() == null ? "(unpinned)" : env.serverCpu())
                .append(" (`taskset -c`), the Java load generator (this harness, one Netty ")
                .append("io_uring".equals(System.getProperty("switchboard.bench.genTransport")) ? "io_uring" : "epoll")
                .append(" event-loop thread) on core 0; ")
                .append("a fresh server process per data point; loopback 127.0.0.1 only; server niceness ")
                .append(env.nice()).append(".\n");
        sb.append("- Versions: JDK ").append(System.getProperty("java.vm.version")).append(" (servers and generator), Node ")
                .append(sh("node", "-v")).append(", socket.io ").append(npm(env, "socket.io")).append(" (ws ")
                .append(npm(env, "ws")).append(", bufferutil ").append(npm(env, "bufferutil")).append(", utf-8-validate ")
                .append(npm(env, "utf-8-validate")).append("), socketcluster-server ").append(npm(env, "socketcluster-server"))
                .append(", Netty 4.2.18.Final (Switchboard and bare Netty: native epoll, the servers' default, and io_uring with the iovec bound for the `-uring` kinds; the plain kinds ran on io_uring from 2026-12-06 15:57 UTC to 2026-12-07 04:13 UTC, on NIO before 2026-11-23 21:30 UTC).\n");
        sb.append("- Switchboard build: the working tree shaded into benchmarks/target/benchmarks.jar at ")
                .append(jarTime(env)).append(" (git HEAD when this report was written: ")
                .append(sh("git", "rev-parse", "--short", "HEAD"))
                .append(sh("git", "status", "--porcelain", "core", "protocol", "server").isEmpty() ? "" : ", with uncommitted changes")
                .append(").\n");
        sb.append("- JVM server flags: `").append(String.join(" ", env.jvmFlags())).append("`; Node servers: `node --expose-gc` ")
                .append("(for the heap reading only). socket.io: websocket transport only, perMessageDeflate off, ")
                .append("`rawSocket.request = null`; socketcluster-server: defaults with perMessageDeflate off.\n");
        sb.append("- Same app everywhere: procedure/ack `echo` (and `slowEcho`, 5 ms timer), one publishing client ")
                .append("connection feeding rooms (SocketCluster `#publish`, socket.io `pub` event → `io.to(room).emit`). ")
                .append("Payload sizes are the user payload string; envelopes differ by protocol.\n");
        sb.append("- Columns: server cores = server CPU-seconds / wall seconds (from /proc/PID/stat); gen cores likewise ")
                .append("for the generator; \"others on server core\" = CPU that other processes on this shared machine took ")
                .append("from the server's core during the window (/proc/stat minus the server); ⚠gen marks points where the generator passed 0.8 (generator-bound); deliveries/write = ")
                .append("deliveries / write-family system calls of the server (write, writev, sendto, sendmsg, counted with perf's syscall tracepoints in a window of up to 3 s right after the measured one, so that tracing costs the measured window nothing; – where perf cannot trace, and for the `-uring` kinds, whose io_uring submissions are no such calls); ✗ = under 99.99% delivered ")
                .append("(not sustained). Medians of the repeats; the range of the rate in brackets when repeated.\n\n");
        return sb.toString();
    }

    private static String jarTime(Env env) {
        for (String entry : env.classpath().split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (p.getFileName() != null && p.getFileName().toString().equals("benchmarks.jar")) {
                try {
                    return Files.getLastModifiedTime(p).toInstant().toString().substring(0, 16).replace('T', ' ') + " UTC";
                } catch (IOException e) {
                    return "?";
                }
            }
        }
        return "(classpath: " + env.classpath().length() + " chars)";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return "unknown CPU";
    }

    private static long memGb() {
        double kb = Proc.statusKb(0, "none");
        try {
            String first = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
            kb = Double.parseDouble(first.replaceAll("[^0-9]", ""));
        } catch (IOException | RuntimeException ignored) {
            // unknown
        }
        return Math.round(kb / 1048576.0);
    }

    private static String npm(Env env, String pkg) {
        Path p = env.nodeDir().resolve("node_modules").resolve(pkg).resolve("package.json");
        try {
            String json = Files.readString(p);
            int i = json.indexOf("\"version\"");
            int q1 = json.indexOf('"', json.indexOf(':', i) + 1);
            return json.substring(q1 + 1, json.indexOf('"', q1 + 1));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static String sh(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor(5, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
