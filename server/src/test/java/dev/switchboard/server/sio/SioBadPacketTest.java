package dev.switchboard.server.sio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.SioSocket;
import dev.switchboard.server.sio.EioClient.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid or forbidden Socket.IO packets (reserved names, malformed events, placeholder tricks,
 * attachment counts, packets for namespaces not joined, client-only packet types): each closes its
 * own connection and no other. One server serves every case, so a case that leaked into the server
 * would also show in the later ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SioBadPacketTest extends SioTestSupport {

    @BeforeAll
    void startServer() {
        startUntracked(b -> b);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    static Stream<Arguments> badPackets() {
        List<String> packets = List.of(
                "42[\"disconnect\"]",
                "42[\"connect\",1]",
                "42[\"disconnecting\"]",
                "42\"foo\"",
                "42[{}]",
                "42[]",
                "42[null]",
                "42{\"ev\":1}",
                "42",
                "42[\"ev\"",
                "4x",
                "49[\"ev\"]",
                "4",
                "451-[\"ev\",{\"_placeholder\":true,\"num\":\"splice\"}]",
                "451-[\"ev\",{\"_placeholder\":true,\"num\":1}]",
                "451-[\"ev\",{\"_placeholder\":true,\"num\":-1}]",
                "451-[\"ev\",{\"_placeholder\":true,\"num\":0.5}]",
                "451-[\"ev\",{\"_placeholder\":true,\"num\":0,\"x\":1}]",
                "450-[\"ev\"]",
                "45-[\"ev\"]",
                "4599999999999-[\"ev\"]",
                "42/admin,[\"ev\"]",
                "43/admin,1[]",
                "41/admin,",
                "44{\"message\":\"client may not send this\"}",
                "40",
                "41{\"x\":1}",
                "40[1]");
        List<Arguments> out = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (String p : packets) {
                out.add(Arguments.of(kind, p));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badPackets")
    void badPacketClosesOnlyItsOwnConnection(Kind kind, String packet) {
        EioClient healthy = connected(kind.other());
        EioClient client = connected(kind);
        SioSocket socket = socket(client);
        client.send(packet);
        assertThat(reason(socket.id())).isIn("parse error", "forced close");
        client.awaitClosed();
        healthy.assertHealthy();
    }

}
