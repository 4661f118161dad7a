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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Node server running a protocol's reference implementation of the fixture contract:
 * socketcluster-server 20.0.1 ({@code interop/node/reference-server.js}) or socket.io 4.8.4
 * ({@code interop/node/sio-reference-server.js}), see {@link InteropProtocol}.
 *
 * <p>Started with {@code --port 0} (the OS picks a free port, no probe-then-bind race); the port is
 * read from the {@code LISTENING <port>} line. All output goes to
 * {@code target/interop-logs/<script>-<n>.log}. The process also exits when its stdin closes
 * ({@code --exit-on-stdin-close}), so it cannot outlive a crashed JVM.
 */
public final class NodeReferenceFixture implements FixtureServer {

    private static final Pattern LISTENING = Pattern.compile("^LISTENING (\\d+)$");
    private static final long START_TIMEOUT_SECONDS = 20;
    private static final long STOP_TIMEOUT_SECONDS = 5;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Process process;
    private final int port;
    private final Path log;

    private NodeReferenceFixture(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A {@link FixtureFactory} for the SocketCluster reference server. */
    public static FixtureFactory factory() {
        return factory(InteropProtocol.SOCKETCLUSTER);
    }

    /** A {@link FixtureFactory} for the reference server of {@code protocol}. */
    public static FixtureFactory factory(InteropProtocol protocol) {
        return settings -> start(protocol, settings);
    }

    /** Starts the SocketCluster reference server. */
    public static NodeReferenceFixture start(FixtureSettings settings) throws IOException, InterruptedException {
        return start(InteropProtocol.SOCKETCLUSTER, settings);
    }

    public static NodeReferenceFixture start(InteropProtocol protocol, FixtureSettings settings)
            throws IOException, InterruptedException {
        Path nodeDir = InteropEnvironment.nodeDir();
        String script = protocol.referenceServerScript();
        Path log = InteropEnvironment.logDir().resolve(script.replaceFirst("\\.js$", "") + "-"
                + COUNTER.incrementAndGet() + ".log");
        List<String> command = new ArrayList<>(List.of(
                InteropEnvironment.nodeExecutable(), script,
                "--port", "0",
                "--ping-interval", Integer.toString(settings.pingIntervalMillis()),
                "--ping-timeout", Integer.toString(settings.pingTimeoutMillis())));
        if (protocol == InteropProtocol.SOCKETIO) {
            command.addAll(List.of("--connect-timeout", Integer.toString(settings.connectTimeoutMillis())));
        }
        command.add("--exit-on-stdin-close");
        Process process = new ProcessBuilder(command)
                .directory(nodeDir.toFile())
                .redirectErrorStream(true)
                .start();

        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread pump = Thread.ofPlatform().daemon().name("reference-server-output-" + COUNTER.get())
                .start(() -> pumpOutput(process, log, command, listening));
        try {
            int port = listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new NodeReferenceFixture(process, port, log);
        } catch (ExecutionException | TimeoutException e) {
            kill(process);
            pump.join(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS));
            throw new IllegalStateException("reference server did not start (" + command + "); log "
                    + log + ":\n" + readQuietly(log), e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    /** Copies the process output to the log and completes {@code listening} with the first port seen. */
    private static void pumpOutput(Process process, Path log, List<String> command, CompletableFuture<Integer> listening) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            out.write("$ " + String.join(" ", command) + "\n");
            out.flush();
            String line;
            while ((line = reader.readLine()) != null) {
                out.write(line + "\n");
                out.flush();
                Matcher m = LISTENING.matcher(line.strip());
                if (m.matches()) {
                    listening.complete(Integer.parseInt(m.group(1)));
                }
            }
            listening.completeExceptionally(new IllegalStateException("reference server output ended before LISTENING"));
        } catch (IOException e) {
            listening.completeExceptionally(new UncheckedIOException(e));
        }
    }

    @Override
    public int port() {
        return port;
    }

    /** Log file with the server's stdout and stderr. */
    public Path log() {
        return log;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // EOF on stdin => graceful shutdown
        } catch (IOException ignored) {
            // The process is already gone.
        }
        process.destroy();
        try {
            process.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
        } catch (ExecutionException | TimeoutException e) {
            kill(process);
        }
    }

    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public String toString() {
        return "NodeReferenceFixture[port=" + port + ", pid=" + process.pid() + "]";
    }
}
