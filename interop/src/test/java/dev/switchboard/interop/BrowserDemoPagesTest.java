package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The standalone server's demo pages in a real headless Chromium ({@code node/browser/demo-pages.test.js}:
 * Debian's chromium driven by npm playwright-core): the Socket.IO chat with rooms and "is typing", the
 * job page's three progress bars, and SocketCluster RPC and pub/sub. The server is the real standalone
 * process; full-page screenshots land in {@code interop/artifacts/browser/}.
 *
 * <p>Chromium is a prerequisite, never a reason to skip: the build installs it ({@code
 * scripts/ensure-chromium.sh}) and this test fails with that hint when it is missing.
 */
class BrowserDemoPagesTest {
    /** Path of the Chromium executable; default: {@code chromium} on the PATH. */
    static final String CHROMIUM_PROPERTY = "switchboard.interop.chromium";
    /** Directory for test artefacts (screenshots). */
    static final String ARTIFACTS_PROPERTY = "switchboard.interop.artifactsDir";
    private static final List<String> SCREENSHOTS = List.of("chat-alice", "chat-bob", "chat-carol", "jobs", "sc");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void demoPagesWorkInHeadlessChromium() throws Exception {
        Path chromium = chromium().orElseGet(() -> fail("Chromium is not installed: the browser test needs Debian's"
                + " chromium package; run scripts/ensure-chromium.sh (as root it runs apt-get install chromium)."));
        Path screenshots = Path.of(System.getProperty(ARTIFACTS_PROPERTY, "artifacts")).toAbsolutePath().resolve("browser");
        Files.createDirectories(screenshots);
        for (String name : SCREENSHOTS) {
            Files.deleteIfExists(screenshots.resolve(name + ".png"));
        }

        try (StandaloneProcessFixture server = StandaloneProcessFixture.start("browser-demo")) {
            NodeTestReport report = NodeTestRunner.run("browser/demo-pages.test.js", server, "browser-demo-pages",
                    Duration.ofSeconds(150), Map.of("SB_CHROMIUM", chromium.toString(), "SB_ARTIFACTS", screenshots.toString()));
            String context = report.outputTail(20_000) + "\nserver log " + server.log() + ":\n"
                    + tail(NodeReferenceFixture.readQuietly(server.log()), 5_000);
            assertThat(report.failures()).as(context).isEmpty();
            assertThat(report.cases()).as(context).hasSize(3);
            assertThat(report.succeeded()).as(context).isTrue();
        }
        for (String name : SCREENSHOTS) {
            Path png = screenshots.resolve(name + ".png");
            assertThat(png).as("screenshot " + name).isRegularFile();
            try (InputStream in = Files.newInputStream(png)) {
                assertThat(in.readNBytes(PNG_SIGNATURE.length)).as("PNG signature of " + png).isEqualTo(PNG_SIGNATURE);
            }
            assertThat(Files.size(png)).as(png.toString()).isGreaterThan(5_000);
        }
    }

    private static Optional<Path> chromium() {
        String configured = System.getProperty(CHROMIUM_PROPERTY, "");
        if (!configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        try (Stream<String> dirs = Stream.of(path.split(File.pathSeparator))) {
            return dirs.filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "chromium")).filter(Files::isExecutable).findFirst();
        }
    }

    private static String tail(String text, int maxChars) {
        return text.length() <= maxChars ? text : "..." + text.substring(text.length() - maxChars);
    }
}
