package dev.switchboard.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (Debian's, /usr/bin) on a free loopback port, without persistence, for
 * tests: it can be killed with SIGKILL, frozen with SIGSTOP, thawed with SIGCONT and restarted on the
 * same port. {@link #close()} kills it and deletes its directory; a JVM shutdown hook kills whatever a
 * failed test left running.
 */
final class RedisServer implements AutoCloseable {
    static final String BINARY = "/usr/bin/redis-server";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<RedisServer> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RedisServer::close)));
    }

    final int port;
    final Path dir;
    private final List<String> extraArgs;
    private volatile Process process;
    private volatile boolean paused;

    private RedisServer(int port, Path dir, List<String> extraArgs) {
        this.port = port;
        this.dir = dir;
        this.extraArgs = extraArgs;
    }

    /** Starts a plain server. */
    static RedisServer start() {
        return start(List.of());
    }

    /** Starts a server with extra arguments ({@code {port}} and {@code {dir}} are replaced). */
    static RedisServer start(List<String> extraArgs) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            RedisServer server;
            try {
                server = new RedisServer(freePort(), Files.createTempDirectory("sb-redis-"), extraArgs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            RUNNING.add(server);
            try {
                server.launch();
                return server;
            } catch (RuntimeException e) { // the port was taken meanwhile: try another one
                server.close();
                last = e;
            }
        }
        throw last;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(BINARY, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "no", "--dir", dir.toString()));
        for (String arg : extraArgs) {
            command.add(arg.replace("{port}", String.valueOf(port)).replace("{dir}", dir.toString()));
        }
        File logFile = dir.resolve("redis-" + System.nanoTime() + ".log").toFile();
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Resp.ping(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + tail(logFile));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not answer within " + START_TIMEOUT);
            }
            sleep(20);
        }
    }

    private static String tail(File file) {
        try {
            String text = Files.readString(file.toPath());
            return text.substring(Math.max(0, text.length() - 500));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** SIGKILL; returns once the process is gone (its port is closed). */
    void kill() {
        resumeIfPaused();
        Process p = process;
        p.destroyForcibly();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a fresh, empty server on the same port. */
    void restart() {
        launch();
    }

    /** SIGSTOP: the process hangs, its connections stay open. */
    void pause() {
        signal("-STOP");
        paused = true;
    }

    /** SIGCONT. */
    void resume() {
        signal("-CONT");
        paused = false;
    }

    private void resumeIfPaused() {
        if (paused) {
            resume();
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Object call(String... args) {
        return Resp.call(port, args);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        RUNNING.remove(this);
        Process p = process;
        if (p != null && p.isAlive()) {
            try {
                resumeIfPaused();
            } catch (RuntimeException ignored) {
                // killing it below is what matters
            }
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
