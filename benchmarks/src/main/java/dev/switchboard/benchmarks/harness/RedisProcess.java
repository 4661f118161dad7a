package dev.switchboard.benchmarks.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} the harness starts for a cluster deployment: a free loopback port, no
 * persistence ({@code --save "" --appendonly no}), pinned and niced like the servers, its log in a
 * temporary directory. {@link #close()} kills it (nothing to save) and deletes the directory.
 */
final class RedisProcess implements AutoCloseable {
    static final String BINARY = "redis-server";
    private static final long START_NANOS = TimeUnit.SECONDS.toNanos(15);

    final int port;
    private final Path dir;
    private final Process process;

    private RedisProcess(int port, Path dir, Process process) {
        this.port = port;
        this.dir = dir;
        this.process = process;
    }

    /** Starts one and waits until it answers PING; retries on another port if the chosen one was taken. */
    static RedisProcess start(Env env) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            RedisProcess redis = launch(env, freePort());
            try {
                redis.awaitPong();
                return redis;
            } catch (RuntimeException e) {
                redis.close();
                last = e;
            }
        }
        throw last;
    }

    private static RedisProcess launch(Env env, int port) {
        Path dir;
        try {
            dir = Files.createTempDirectory("sb-bench-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(env.launchPrefix());
        cmd.addAll(List.of(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--protected-mode", "no", "--dir", dir.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
            return new RedisProcess(port, dir, p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + cmd + " (is redis-server installed?)", e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitPong() {
        long deadline = System.nanoTime() + START_NANOS;
        while (!ping()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not answer PING: " + logTail());
            }
            FanOutScenario.sleep(0.02); // polling a starting process; nothing to await on
        }
    }

    private boolean ping() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    private String logTail() {
        try {
            String log = Files.readString(dir.resolve("redis.log"));
            return log.substring(Math.max(0, log.length() - 500));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless
        }
    }
}
