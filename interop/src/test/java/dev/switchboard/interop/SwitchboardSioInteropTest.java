package dev.switchboard.interop;

import dev.switchboard.interop.fixture.SioFixtureApp;

/**
 * The official {@code socket.io-client} 4.8.4 against Switchboard's Java server: every scenario the
 * real socket.io 4.8.4 passes ({@link NodeReferenceSioInteropTest}) must pass here, over WebSocket,
 * long-polling and polling + upgrade.
 */
class SwitchboardSioInteropTest extends SioInteropTest {
    @Override
    protected FixtureFactory fixtureFactory() {
        return settings -> {
            SioFixtureApp app = new SioFixtureApp(0, settings.pingInterval(), settings.pingTimeout(),
                    settings.connectTimeout()).start();
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
