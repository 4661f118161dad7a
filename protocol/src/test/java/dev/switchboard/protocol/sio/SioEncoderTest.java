package dev.switchboard.protocol.sio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.SwitchboardException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Encoding, checked against socket.io-parser 4.2.7's {@code Encoder} output for the same packets
 * (generated once with Node, pasted here).
 */
class SioEncoderTest {
    private static final String P0 = "{\"_placeholder\":true,\"num\":0}";

    private static String text(SioPacket p) {
        SioEncoded e = SioEncoder.encode(p);
        assertThat(e.attachments()).isEmpty();
        assertThat(e.hasAttachments()).isFalse();
        return e.text();
    }

    @Test
    void theNotesExamples() {
        assertThat(text(SioPacket.connect("/"))).isEqualTo("0");
        assertThat(text(SioPacket.connect("/admin", Map.of("sid", "abc")))).isEqualTo("0/admin,{\"sid\":\"abc\"}");
        assertThat(text(SioPacket.connectError("/", "Not authorized", Optional.empty())))
                .isEqualTo("4{\"message\":\"Not authorized\"}");
        assertThat(text(SioPacket.event("/", List.of("foo"), OptionalLong.empty()))).isEqualTo("2[\"foo\"]");
        assertThat(text(SioPacket.event("/admin", List.of("bar"), OptionalLong.empty()))).isEqualTo("2/admin,[\"bar\"]");
        assertThat(text(SioPacket.event("/", List.of("foo"), OptionalLong.of(12)))).isEqualTo("212[\"foo\"]");
        assertThat(text(SioPacket.ack("/admin", 13, List.of("bar")))).isEqualTo("3/admin,13[\"bar\"]");
        assertThat(text(SioPacket.disconnect("/admin"))).isEqualTo("1/admin,");
        assertThat(text(SioPacket.disconnect("/"))).isEqualTo("1");
        assertThat(text(SioPacket.connect("/custom"))).isEqualTo("0/custom,");
    }

    @Test
    void binaryEventBecomesBinaryEventWithOneAttachment() {
        SioEncoded e = SioEncoder.encode(SioPacket.event("/", List.of("baz", new byte[] {1, 2, 3}), OptionalLong.empty()));
        assertThat(e.text()).isEqualTo("51-[\"baz\"," + P0 + "]");
        assertThat(e.attachments()).containsExactly(new byte[] {1, 2, 3});
        assertThat(e.hasAttachments()).isTrue();
    }

    @Test
    void binaryAckBecomesBinaryAck() {
        SioEncoded e = SioEncoder.encode(SioPacket.ack("/", 15, List.of("bar", new byte[] {4})));
        assertThat(e.text()).isEqualTo("61-15[\"bar\"," + P0 + "]");
        assertThat(e.attachments()).containsExactly(new byte[] {4});
    }

    @Test
    void placeholdersAreNumberedDepthFirstInInsertionOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("a", new byte[] {1});
        inner.put("b", List.of(new byte[] {2}, Map.of("c", new byte[] {3})));
        SioEncoded e = SioEncoder.encode(SioPacket.event("/", List.of("e", inner, new byte[] {4}), OptionalLong.empty()));
        assertThat(e.text()).isEqualTo("54-[\"e\",{\"a\":{\"_placeholder\":true,\"num\":0},\"b\":[{\"_placeholder\":true,"
                + "\"num\":1},{\"c\":{\"_placeholder\":true,\"num\":2}}]},{\"_placeholder\":true,\"num\":3}]");
        assertThat(e.attachments()).containsExactly(new byte[] {1}, new byte[] {2}, new byte[] {3}, new byte[] {4});
    }

    @Test
    void binaryOnNamespaceWithAckId() {
        SioEncoded e = SioEncoder.encode(SioPacket.event("/files", List.of("up", new byte[0]), OptionalLong.of(3)));
        assertThat(e.text()).isEqualTo("51-/files,3[\"up\"," + P0 + "]");
    }

    @Test
    void binaryTypesWithoutBinaryAreWrittenAsPlainTypes() {
        SioPacket binaryEvent = new SioPacket(SioPacketType.BINARY_EVENT, "/", OptionalLong.empty(), Optional.of(List.of("a")));
        assertThat(text(binaryEvent)).isEqualTo("2[\"a\"]");
        SioPacket binaryAck = new SioPacket(SioPacketType.BINARY_ACK, "/", OptionalLong.of(1), Optional.of(List.of()));
        assertThat(text(binaryAck)).isEqualTo("31[]");
    }

    @Test
    void connectErrorWithData() {
        assertThat(text(SioPacket.connectError("/chat", "nope", Optional.of(Map.of("code", 42)))))
                .isEqualTo("4/chat,{\"message\":\"nope\",\"data\":{\"code\":42}}");
        assertThat(text(new SioPacket(SioPacketType.CONNECT_ERROR, "/", OptionalLong.empty(), Optional.of("Invalid"))))
                .isEqualTo("4\"Invalid\"");
    }

    @Test
    void binaryIsRefusedOutsideEventsAndAcks() {
        assertThatThrownBy(() -> SioEncoder.encode(SioPacket.connect("/", Map.of("b", new byte[1]))))
                .isInstanceOf(SwitchboardException.class);
        assertThatThrownBy(() -> SioEncoder.encode(SioPacket.connectError("/", "x", Optional.of(new byte[1]))))
                .isInstanceOf(SwitchboardException.class);
    }

    @Test
    void fastEventPathMatchesEncode() {
        List<Object> args = List.of("chat", Map.of("text", "hé \"there\""), 1.5, List.of(true), 3);
        assertThat(SioEncoder.encodeEvent("/", args))
                .isEqualTo(text(SioPacket.event("/", args, OptionalLong.empty())))
                .isEqualTo("2[\"chat\",{\"text\":\"hé \\\"there\\\"\"},1.5,[true],3]");
        assertThat(SioEncoder.encodeEvent("/room", List.of("x"))).isEqualTo("2/room,[\"x\"]");
    }

    @Test
    void fastEventPathRefusesBinaryRatherThanDroppingIt() {
        assertThatThrownBy(() -> SioEncoder.encodeEvent("/", List.of("x", Map.of("b", new byte[1]))))
                .isInstanceOf(SwitchboardException.class);
    }

    @Test
    void factoriesValidate() {
        assertThatThrownBy(() -> SioPacket.event("/", List.of(), OptionalLong.empty())).isInstanceOf(SwitchboardException.class);
        assertThatThrownBy(() -> SioPacket.event("/", List.of(Map.of()), OptionalLong.empty()))
                .isInstanceOf(SwitchboardException.class);
        assertThatThrownBy(() -> SioPacket.disconnect("admin")).isInstanceOf(SwitchboardException.class);
        assertThatThrownBy(() -> SioPacket.disconnect("/a,b")).isInstanceOf(SwitchboardException.class);
        assertThatThrownBy(() -> SioPacket.ack("/", -1, List.of())).isInstanceOf(SwitchboardException.class);
        assertThat(SioPacket.RESERVED_EVENTS).containsExactlyInAnyOrder(
                "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");
    }

    @Test
    void cyclicDataIsRefused() {
        List<Object> cycle = new ArrayList<>();
        cycle.add("x");
        cycle.add(cycle);
        assertThatThrownBy(() -> SioEncoder.encode(SioPacket.event("/", cycle, OptionalLong.empty())))
                .isInstanceOf(SwitchboardException.class)
                .hasMessageContaining("cyclic");
    }

    @Test
    void encodeThenDecodeGivesThePacketBack() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", 1);
        nested.put("a", List.of(new byte[] {7, 8}, "s"));
        List<SioPacket> packets = List.of(
                SioPacket.connect("/", Map.of("token", "t")),
                SioPacket.connect("/x"),
                SioPacket.disconnect("/x"),
                SioPacket.connectError("/", "m", Optional.of(List.of(1))),
                SioPacket.event("/", List.of("a", 1, 2.5, "é😀"), OptionalLong.of(99)),
                SioPacket.event("/n", List.of("bin", nested, new byte[] {1}), OptionalLong.empty()),
                SioPacket.ack("/n", 0, List.of(new byte[] {2}, new byte[] {3})));
        for (SioPacket original : packets) {
            SioEncoded encoded = SioEncoder.encode(original);
            SioDecoder decoder = new SioDecoder();
            Optional<SioPacket> decoded = decoder.decodeText(encoded.text());
            for (byte[] attachment : encoded.attachments()) {
                assertThat(decoded).isEmpty();
                decoded = decoder.decodeBinary(attachment);
            }
            SioPacket back = decoded.orElseThrow();
            assertThat(back.type()).isEqualTo(original.type());
            assertThat(back.namespace()).isEqualTo(original.namespace());
            assertThat(back.ackId()).isEqualTo(original.ackId());
            assertThat(back.data()).usingRecursiveComparison().isEqualTo(original.data());
            assertThat(SioEncoder.encode(back).text()).isEqualTo(encoded.text());
        }
    }
}
