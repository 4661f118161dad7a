package dev.switchboard.interop;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The interop scenarios against the real socketcluster-server 20.0.1: proves that every scenario
 * encodes genuine SocketCluster behaviour (the Java server must then pass the same scenarios).
 * About 15 s; disable with {@code -Dswitchboard.interop.reference=false}.
 */
@DisabledIfSystemProperty(named = "switchboard.interop.reference", matches = "false")
class NodeReferenceScInteropTest extends ScInteropTest {

    @Override
    protected FixtureFactory fixtureFactory() {
        return NodeReferenceFixture.factory();
    }
}
