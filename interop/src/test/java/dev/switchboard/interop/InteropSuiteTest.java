package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** suites.json: protocols, per-protocol defaults, selection across protocols. */
class InteropSuiteTest {

    private static final Path NODE_DIR = Path.of(System.getProperty(InteropEnvironment.NODE_DIR_PROPERTY, "node"));

    @Test
    void socketClusterSuitesKeepTheirSettings() throws Exception {
        List<InteropSuite> sc = InteropSuite.selected(InteropSuite.load(NODE_DIR), "", InteropProtocol.SOCKETCLUSTER);
        assertThat(sc).extracting(InteropSuite::name).containsExactly("core", "ping-fast", "ping-slow");
        assertThat(sc.get(0).settings()).isEqualTo(FixtureSettings.DEFAULTS);
        assertThat(sc.get(1).settings().pingIntervalMillis()).isEqualTo(200);
        assertThat(sc.get(1).settings().pingTimeoutMillis()).isEqualTo(1000);
        assertThat(sc.get(2).settings().pingIntervalMillis()).isEqualTo(2000);
    }

    @Test
    void socketIoSuitesUseSocketIoDefaults() throws Exception {
        List<InteropSuite> sio = InteropSuite.selected(InteropSuite.load(NODE_DIR), "", InteropProtocol.SOCKETIO);
        assertThat(sio).extracting(InteropSuite::name)
                .containsExactly("sio-core", "sio-broadcast", "sio-lifecycle", "sio-ping");
        assertThat(sio.get(0).settings()).isEqualTo(new FixtureSettings(25000, 20000, 45000));
        assertThat(sio.get(3).settings()).isEqualTo(new FixtureSettings(200, 1000, 1000));
        for (InteropSuite suite : sio) {
            assertThat(NODE_DIR.resolve(suite.file())).isRegularFile();
        }
        assertThat(NODE_DIR.resolve(InteropProtocol.SOCKETIO.referenceServerScript())).isRegularFile();
    }

    @Test
    void selectionSpansProtocolsAndRejectsUnknownNames() throws Exception {
        List<InteropSuite> all = InteropSuite.load(NODE_DIR);
        assertThat(InteropSuite.selected(all, "core, sio-ping", InteropProtocol.SOCKETCLUSTER))
                .extracting(InteropSuite::name).containsExactly("core");
        assertThat(InteropSuite.selected(all, "core, sio-ping", InteropProtocol.SOCKETIO))
                .extracting(InteropSuite::name).containsExactly("sio-ping");
        assertThat(InteropSuite.selected(all, "sio-core", InteropProtocol.SOCKETCLUSTER)).isEmpty();
        assertThatThrownBy(() -> InteropSuite.selected(all, "nope", InteropProtocol.SOCKETIO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThat(Files.isDirectory(NODE_DIR)).isTrue();
    }
}
