package dev.switchboard.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Node side of the harness lives. Surefire sets the system properties (see
 * {@code interop/pom.xml}); the fallbacks work when a test is started from an IDE with the module
 * directory as working directory.
 */
public final class InteropEnvironment {

    /** Directory holding package.json, reference-server.js, sio-reference-server.js, suites.json, test/ and sio-test/. */
    public static final String NODE_DIR_PROPERTY = "switchboard.interop.nodeDir";
    /** Directory for fixture and node test logs. */
    public static final String LOG_DIR_PROPERTY = "switchboard.interop.logDir";
    /** Node executable, default {@code node} from the PATH. */
    public static final String NODE_EXECUTABLE_PROPERTY = "switchboard.interop.node";
    /** Comma-separated suite names to run (default: all of suites.json). */
    public static final String SUITES_PROPERTY = "switchboard.interop.suites";

    private InteropEnvironment() {
    }

    public static Path nodeDir() {
        Path dir = Path.of(System.getProperty(NODE_DIR_PROPERTY, "node")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("package.json"))) {
            throw new IllegalStateException("No interop node project at " + dir + " (set -D" + NODE_DIR_PROPERTY + ")");
        }
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            throw new IllegalStateException("npm dependencies are not installed in " + dir
                    + "; run the Maven build (it runs `npm ci`) or `npm ci` there");
        }
        return dir;
    }

    public static Path logDir() {
        Path dir = Path.of(System.getProperty(LOG_DIR_PROPERTY, "target/interop-logs")).toAbsolutePath().normalize();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String nodeExecutable() {
        return System.getProperty(NODE_EXECUTABLE_PROPERTY, "node");
    }
}
