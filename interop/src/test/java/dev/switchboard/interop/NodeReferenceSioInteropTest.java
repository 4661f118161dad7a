package dev.switchboard.interop;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The Socket.IO interop scenarios against the real socket.io 4.8.4 server
 * ({@code node/sio-reference-server.js}): proves that every scenario encodes genuine Socket.IO
 * behaviour (the Java server must then pass the same scenarios). About 40 s (166 tests); disable with
 * {@code -Dswitchboard.interop.reference=false}.
 */
@DisabledIfSystemProperty(named = "switchboard.interop.reference", matches = "false")
class NodeReferenceSioInteropTest extends SioInteropTest {

    @Override
    protected FixtureFactory fixtureFactory() {
        return NodeReferenceFixture.factory(InteropProtocol.SOCKETIO);
    }
}
