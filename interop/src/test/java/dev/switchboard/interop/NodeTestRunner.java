package dev.switchboard.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one Node test file with {@code node --test} against a fixture and collects the per-test
 * results from Node's JUnit reporter (the spec reporter goes to the output log for humans).
 *
 * <p>The scenarios find the fixture through the environment: {@code SB_HOST}, {@code SB_PORT}.
 * The whole run has a hard timeout; on expiry the node process tree is killed.
 */
public final class NodeTestRunner {

    /** Default overall limit for one file; every Node test also has its own, much smaller timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(180);

    private NodeTestRunner() {
    }

    public static NodeTestReport run(InteropSuite suite, FixtureServer fixture, String label) throws IOException, InterruptedException {
        return run(suite.file(), fixture, label, DEFAULT_TIMEOUT);
    }

    public static NodeTestReport run(String file, FixtureServer fixture, String label, Duration timeout)
            throws IOException, InterruptedException {
        return run(file, fixture, label, timeout, Map.of());
    }

    /** As {@link #run(String, FixtureServer, String, Duration)}, with {@code extraEnv} added to the scenarios' environment. */
    public static NodeTestReport run(String file, FixtureServer fixture, String label, Duration timeout,
            Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path nodeDir = InteropEnvironment.nodeDir();
        Path logDir = InteropEnvironment.logDir();
        String base = label.replaceAll("[^A-Za-z0-9._-]", "_");
        Path xml = logDir.resolve(base + ".junit.xml");
        Path outputFile = logDir.resolve(base + ".log");
        Files.deleteIfExists(xml);

        List<String> command = List.of(
                InteropEnvironment.nodeExecutable(), "--test",
                "--test-reporter=junit", "--test-reporter-destination=" + xml,
                "--test-reporter=spec", "--test-reporter-destination=stdout",
                file);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(nodeDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(outputFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        Map<String, String> env = builder.environment();
        env.put("SB_HOST", fixture.host());
        env.put("SB_PORT", Integer.toString(fixture.port()));
        env.put("NO_COLOR", "1");
        env.remove("FORCE_COLOR");
        env.remove("NODE_OPTIONS");
        env.putAll(extraEnv);

        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            NodeReferenceFixture.kill(process);
            process.waitFor(10, TimeUnit.SECONDS);
        }
        String output = "$ " + String.join(" ", command) + "  (SB_HOST=" + fixture.host() + " SB_PORT=" + fixture.port() + ")\n"
                + Files.readString(outputFile, StandardCharsets.UTF_8)
                + (finished ? "" : "\n!!! killed after the overall timeout of " + timeout.toSeconds() + " s\n");
        return new NodeTestReport(NodeTestReport.parseJUnitXml(xml), finished ? process.exitValue() : -1, !finished,
                output, outputFile);
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
