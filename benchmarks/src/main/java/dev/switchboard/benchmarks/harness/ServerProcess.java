package dev.switchboard.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One server under test in its own process. Stdout lines starting with {@code READY}/{@code STATS} are
 * the control protocol; everything else goes to a log tail kept for error messages. {@link #close()}
 * closes stdin (the servers exit on that), then SIGTERM, then SIGKILL, each bounded in time.
 */
final class ServerProcess implements ServerUnderTest {
    private final ServerKind kind;
    private final Process process;
    private int port;
    private final BlockingQueue<String> control = new LinkedBlockingQueue<>();
    private final List<String> tail = new ArrayList<>();

    private ServerProcess(ServerKind kind, Process process) {
        this.kind = kind;
        this.process = process;
        Thread.ofPlatform().daemon().name("server-out-" + process.pid()).start(this::pump);
    }

    static ServerProcess start(ServerKind kind, Env env, int port, List<String> extraJvmFlags) {
        return start(kind, env, port, extraJvmFlags, List.of());
    }

    /** {@code appArgs} follow the port on the server's command line (a Redis URI for cluster nodes). */
    static ServerProcess start(ServerKind kind, Env env, int port, List<String> extraJvmFlags, List<String> appArgs) {
        List<String> cmd = kind.command(env, port, extraJvmFlags, appArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.directory(Path.of(".").toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + cmd, e);
        }
        ServerProcess server = new ServerProcess(kind, p);
        String ready = server.awaitLine("READY", 30);
        if (ready == null) {
            server.close();
            throw new IllegalStateException(kind.label + " did not start: " + server.tail());
        }
        server.port = Integer.parseInt(ready.substring(6).trim()); // the bound port (0 asks for any free one)
        return server;
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("READY") || line.startsWith("STATS")) {
                    control.add(line);
                } else {
                    synchronized (tail) {
                        tail.add(line);
                        if (tail.size() > 40) {
                            tail.remove(0);
                        }
                    }
                }
            }
        } catch (IOException ignored) {
            // process ended
        }
    }

    private String awaitLine(String prefix, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            while (System.nanoTime() < deadline && process.isAlive()) {
                String line = control.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    @Override
    public ServerKind kind() {
        return kind;
    }

    @Override
    public List<Integer> ports() {
        return List.of(port);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public double cpuSeconds() {
        return Proc.cpuSeconds(pid());
    }

    @Override
    public double rssMb() {
        return Proc.statusKb(pid(), "VmRSS") / 1024.0;
    }

    @Override
    public double peakRssMb() {
        return Proc.statusKb(pid(), "VmHWM") / 1024.0;
    }

    @Override
    public List<Long> pids() {
        return List.of(pid());
    }

    /** Heap in use after a full GC, in MB (JVM: MemoryMXBean; Node: process.memoryUsage().heapUsed). */
    @Override
    public double heapAfterGcMb() {
        try {
            OutputStream in = process.getOutputStream();
            in.write("stats\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
        } catch (IOException e) {
            return Double.NaN;
        }
        String line = awaitLine("STATS", 30);
        return line == null ? Double.NaN : Long.parseLong(line.substring(line.indexOf('=') + 1).trim()) / 1048576.0;
    }

    String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) { // a JFR dump on exit can take seconds
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
