package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.spi.SioClusterBroadcast;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** socket.io's Redis adapter wire format: channel names, MessagePack as notepack.io writes it, JSON requests. */
class SioWireTest {
    /**
     * notepack.io 3.0.1's encoding of {@code ["emitter", {type: 2, data: ["ev", 1, -1, 300, 70000, 1.5, null,
     * true, "é", Buffer[1,2], {k: [1]}, new Date(0)], nsp: "/"}, {rooms: ["r"], flags: {volatile: true,
     * undef: undefined}, except: []}]}, as @socket.io/redis-emitter 5.1.0 sends it.
     */
    private static final String NOTEPACK = "93a7656d697474657283a47479706502a4646174619ca2657601ffcd012cce00011170cb3ff80000"
            + "00000000c0c3a2c3a9c402010281a16b9101d6ff00000000a36e7370a12f83a5726f6f6d7391a172a5666c61677381a8766f6c61"
            + "74696c65c3a665786365707490";

    private final SioWire wire = new SioWire("socket.io");

    @Test
    void channelNamesFollowTheAdapter() {
        assertThat(wire.broadcastChannel("/")).isEqualTo("socket.io#/#");
        assertThat(wire.broadcastPattern("/chat")).isEqualTo("socket.io#/chat#*");
        assertThat(wire.broadcastChannel("/", Set.of("room1"))).isEqualTo("socket.io#/#room1#");
        assertThat(wire.broadcastChannel("/", Set.of("a", "b"))).isEqualTo("socket.io#/#");
        assertThat(wire.requestChannel("/")).isEqualTo("socket.io-request#/#");
        assertThat(wire.responseChannel("/")).isEqualTo("socket.io-response#/#");
    }

    @Test
    void decodesWhatTheOfficialEmitterSends() {
        SioWire.Received received = SioWire.decodeBroadcast(HexFormat.of().parseHex(NOTEPACK)).orElseThrow();

        assertThat(received.uid()).isEqualTo("emitter");
        SioClusterBroadcast b = received.broadcast();
        assertThat(b.namespace()).isEqualTo("/");
        assertThat(b.packetType()).isEqualTo(2);
        assertThat(b.rooms()).containsExactly("r");
        assertThat(b.except()).isEmpty();
        assertThat(b.isVolatile()).isTrue();
        List<Object> data = b.data();
        assertThat(data.subList(0, 9)).containsExactly("ev", 1L, -1L, 300L, 70000L, 1.5, null, true, "é");
        assertThat((byte[]) data.get(9)).containsExactly(1, 2);
        assertThat(data.get(10)).isEqualTo(Map.of("k", List.of(1L)));
        assertThat(data.get(11)).isEqualTo("1970-01-01T00:00:00Z");
    }

    @Test
    void encodesBroadcastsByteForByteAsNotepackDoes() {
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("volatile", true);
        List<Object> data = new java.util.ArrayList<>(List.of("ev", 1, -1, 300, 70000, 1.5));
        data.add(null);
        data.addAll(List.of(true, "é", new byte[] {1, 2}, Map.of("k", List.of(1)), "1970-01-01T00:00:00Z"));
        byte[] ours = wire.encodeBroadcast("emitter", new SioClusterBroadcast("/", 2, data, Set.of("r"), Set.of(), flags));

        // the same layout as notepack's, except that our Date is already a string and the key order of opts
        SioWire.Received back = SioWire.decodeBroadcast(ours).orElseThrow();
        assertThat(back.broadcast().data().subList(0, 6)).containsExactly("ev", 1L, -1L, 300L, 70000L, 1.5);
        assertThat(HexFormat.of().formatHex(ours)).startsWith(NOTEPACK.substring(0, NOTEPACK.indexOf("d6ff")));
    }

    @Test
    void requestsAreJsonUnlessBinaryOrAcknowledgedBroadcasts() {
        Map<String, Object> join = new LinkedHashMap<>();
        join.put("uid", "abc123");
        join.put("type", 2);
        join.put("rooms", List.of("r"));
        assertThat(new String(SioWire.encodeMessage(join), StandardCharsets.UTF_8))
                .isEqualTo("{\"uid\":\"abc123\",\"type\":2,\"rooms\":[\"r\"]}");

        Map<String, Object> binary = new LinkedHashMap<>(join);
        binary.put("data", List.of("ev", new byte[] {9}));
        byte[] packed = SioWire.encodeMessage(binary);
        assertThat(packed[0]).isNotEqualTo((byte) '{');
        assertThat((byte[]) ((List<?>) SioWire.decodeMessage(packed).orElseThrow().get("data")).get(1)).containsExactly(9);

        Map<String, Object> count = new LinkedHashMap<>();
        count.put("type", 8);
        count.put("requestId", "r1");
        count.put("clientCount", 3);
        assertThat(SioWire.encodeMessage(count)[0]).isNotEqualTo((byte) '{');
        assertThat(SioWire.decodeMessage(SioWire.encodeMessage(count)).orElseThrow())
                .containsEntry("clientCount", 3L).containsEntry("requestId", "r1");
        assertThat(SioWire.decodeMessage("{\"requestId\":\"x\",\"sockets\":[]}".getBytes(StandardCharsets.UTF_8))
                .orElseThrow()).containsEntry("sockets", List.of());
    }

    @Test
    void notepackLegacyUndefinedAndNilDecodeToNull() {
        assertThat(MsgPack.decode(HexFormat.of().parseHex("c0"))).isNull();
        assertThat(MsgPack.decode(HexFormat.of().parseHex("d40000"))).isNull();
        assertThat(MsgPack.hasBinary(Map.of("a", List.of(new byte[0])))).isTrue();
        assertThat(MsgPack.hasBinary(Map.of("a", List.of("x")))).isFalse();
    }
}
