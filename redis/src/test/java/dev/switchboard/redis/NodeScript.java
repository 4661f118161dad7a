package dev.switchboard.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one script of {@code redis/node} (whose {@code node_modules} the build installs with {@code npm ci})
 * with a hard timeout, and gives back its exit code and output.
 */
final class NodeScript {
    record Result(int exitCode, String output) {}

    private NodeScript() {}

    static Path dir() {
        return Path.of(System.getProperty("switchboard.redis.nodeDir", "node")).toAbsolutePath();
    }

    static Result run(String script, Map<String, String> env, Duration timeout) {
        Path log;
        try {
            log = Files.createTempFile("sb-node-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("node", script));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new Result(done ? process.exitValue() : -1, done ? output : output + "\n(killed after " + timeout + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
