package dev.switchboard.interop;

import dev.switchboard.interop.fixture.ScFixtureApp;
import java.time.Duration;

/**
 * The official {@code socketcluster-client} 20.0.2 against Switchboard's Java server: every scenario
 * the real {@code socketcluster-server} passes ({@link NodeReferenceScInteropTest}) must pass here.
 */
class SwitchboardScInteropTest extends ScInteropTest {
    @Override
    protected FixtureFactory fixtureFactory() {
        return settings -> {
            ScFixtureApp app = new ScFixtureApp(0, Duration.ofMillis(settings.pingIntervalMillis()),
                    Duration.ofMillis(settings.pingTimeoutMillis())).start();
            return new FixtureServer() {
                @Override
                public int port() {
                    return app.port();
                }

                @Override
                public void close() {
                    app.close();
                }
            };
        };
    }
}
