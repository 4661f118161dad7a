package dev.switchboard.interop.client;

import dev.switchboard.interop.FixtureServer;
import dev.switchboard.interop.FixtureSettings;
import dev.switchboard.interop.fixture.ScFixtureApp;

/** Switchboard's Java client against Switchboard's Java server running the same fixture contract. */
class SwitchboardClientInteropTest extends ScClientInteropScenarios {
    @Override
    protected FixtureServer startFixture(FixtureSettings settings) {
        ScFixtureApp app = new ScFixtureApp(0, settings.pingInterval(), settings.pingTimeout()).start();
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
    }

    /**
     * Switchboard's server turns a published JSON null into an absent value: its {@code #publish}
     * handler (and the fixture's {@code serverPublish}) read the data with {@code Payload.field("data")},
     * which treats null as absent. Reported to the server's owner.
     */
    @Override
    protected boolean deliversNullPublications() {
        return false;
    }
}
