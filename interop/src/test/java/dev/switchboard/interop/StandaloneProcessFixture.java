package dev.switchboard.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone server as {@code scripts/run} starts it ({@code dev.switchboard.standalone.Main} with
 * its defaults: memory broker, demo app, metrics), in a child JVM on the test class path, bound to
 * loopback on a free port. The port is read from the line the server prints once it listens; the output
 * goes to a log in the interop log directory. {@link #close()} sends SIGTERM (a graceful shutdown) and
 * kills the process if it has not exited within a few seconds.
 */
public final class StandaloneProcessFixture implements FixtureServer {
    private static final Pattern RUNNING = Pattern.compile("Switchboard is running: ws://localhost:(\\d+)/");
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_SECONDS = 15;

    private final Process process;
    private final int port;
    private final Path log;

    private StandaloneProcessFixture(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server with {@code extraArgs} after {@code --host 127.0.0.1 --port 0}. */
    public static StandaloneProcessFixture start(String label, String... extraArgs) throws IOException, InterruptedException {
        Path log = InteropEnvironment.logDir().resolve(label + ".server.log");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.switchboard.standalone.Main", "--host", "127.0.0.1", "--port", "0"));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The server reads SWITCHBOARD_* variables; the test's own environment must not configure it.
        builder.environment().keySet().removeIf(name -> name.startsWith("SWITCHBOARD_"));
        Process process = builder.start();
        CompletableFuture<Integer> running = new CompletableFuture<>();
        Thread pump = Thread.ofPlatform().daemon().name("standalone-output-" + label)
                .start(() -> pumpOutput(process, log, command, running));
        try {
            return new StandaloneProcessFixture(process, running.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS), log);
        } catch (ExecutionException | TimeoutException e) {
            NodeReferenceFixture.kill(process);
            pump.join(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS));
            throw new IllegalStateException("the standalone server did not start (" + command + "); log " + log + ":\n"
                    + NodeReferenceFixture.readQuietly(log), e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    /** Copies the output to the log and completes {@code running} with the port the server reports. */
    private static void pumpOutput(Process process, Path log, List<String> command, CompletableFuture<Integer> running) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            out.write("$ " + String.join(" ", command) + "\n");
            out.flush();
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line + "\n");
                out.flush();
                Matcher m = RUNNING.matcher(line);
                if (m.find()) {
                    running.complete(Integer.parseInt(m.group(1)));
                }
            }
            running.completeExceptionally(new IllegalStateException("the server's output ended before it reported its port"));
        } catch (IOException e) {
            running.completeExceptionally(new UncheckedIOException(e));
        }
    }

    @Override
    public int port() {
        return port;
    }

    /** The server's stdout and stderr. */
    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            NodeReferenceFixture.kill(process);
        } catch (ExecutionException | TimeoutException e) {
            NodeReferenceFixture.kill(process);
        }
    }
}
