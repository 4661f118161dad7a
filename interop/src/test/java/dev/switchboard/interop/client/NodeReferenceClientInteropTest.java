package dev.switchboard.interop.client;

import dev.switchboard.interop.FixtureServer;
import dev.switchboard.interop.FixtureSettings;
import dev.switchboard.interop.NodeReferenceFixture;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Switchboard's Java client against the real {@code socketcluster-server} 20.0.1
 * ({@code interop/node/reference-server.js}); disable with {@code -Dswitchboard.interop.reference=false}.
 */
@DisabledIfSystemProperty(named = "switchboard.interop.reference", matches = "false")
class NodeReferenceClientInteropTest extends ScClientInteropScenarios {
    @Override
    protected FixtureServer startFixture(FixtureSettings settings) throws Exception {
        return NodeReferenceFixture.start(settings);
    }
}
