package dev.switchboard.interop;

import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every SocketCluster interop suite of {@code interop/node/suites.json} (protocol
 * {@code socketcluster}) -- the official npm {@code socketcluster-client} 20.0.2 driving a fixture
 * server -- and reports each Node test as a JUnit dynamic test. Subclasses only say which server to
 * start:
 *
 * <pre>{@code
 * class SwitchboardScInteropTest extends ScInteropTest {
 *     @Override
 *     protected FixtureFactory fixtureFactory() {
 *         return settings -> JavaFixture.start(settings); // a FixtureServer on a free port
 *     }
 * }
 * }</pre>
 *
 * <p>Each suite gets a fresh fixture (suites need different ping settings, and the {@code restart}
 * scenario restarts the server). Select suites with {@code -Dswitchboard.interop.suites=core,ping-fast}.
 * Logs: {@code target/interop-logs/<class>-<suite>.log} (spec reporter output) and the fixture logs.
 */
public abstract class ScInteropTest {

    /** Starts the server under test for one suite. */
    protected abstract FixtureFactory fixtureFactory();

    /** Prefix of the log files of this run. */
    protected String runLabel() {
        return getClass().getSimpleName();
    }

    @TestFactory
    @DisplayName("socketcluster-client interop")
    Stream<DynamicNode> scInteropScenarios() throws Exception {
        return NodeInteropSuites.dynamicNodes(InteropProtocol.SOCKETCLUSTER, fixtureFactory(), runLabel());
    }
}
