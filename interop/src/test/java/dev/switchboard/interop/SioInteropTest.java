package dev.switchboard.interop;

import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every Socket.IO interop suite of {@code interop/node/suites.json} (protocol {@code socketio},
 * files {@code node/sio-test/*.test.js}) -- the official npm {@code socket.io-client} 4.8.4 driving a
 * fixture server over WebSocket, HTTP long-polling and polling + upgrade -- and reports each Node
 * test as a JUnit dynamic test. The fixture implements the Socket.IO contract of
 * {@code interop/README.md} on path {@code /socket.io/}. Subclasses only say which server to start:
 *
 * <pre>{@code
 * class SwitchboardSioInteropTest extends SioInteropTest {
 *     @Override
 *     protected FixtureFactory fixtureFactory() {
 *         // settings: pingInterval, pingTimeout, connectTimeout of the suite
 *         return settings -> JavaSioFixture.start(settings); // a FixtureServer on a free port
 *     }
 * }
 * }</pre>
 *
 * <p>Each suite gets a fresh fixture ({@code sio-ping} needs short engine timers, and
 * {@code sio-lifecycle} restarts the server). Select suites with
 * {@code -Dswitchboard.interop.suites=sio-core,sio-broadcast}. Logs:
 * {@code target/interop-logs/<class>-<suite>.log} and the fixture logs.
 */
public abstract class SioInteropTest {

    /** Starts the server under test for one suite. */
    protected abstract FixtureFactory fixtureFactory();

    /** Prefix of the log files of this run. */
    protected String runLabel() {
        return getClass().getSimpleName();
    }

    @TestFactory
    @DisplayName("socket.io-client interop")
    Stream<DynamicNode> sioInteropScenarios() throws Exception {
        return NodeInteropSuites.dynamicNodes(InteropProtocol.SOCKETIO, fixtureFactory(), runLabel());
    }
}
