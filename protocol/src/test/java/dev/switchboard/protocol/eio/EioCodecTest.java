package dev.switchboard.protocol.eio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.SwitchboardException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class EioCodecTest {
    private static final String RS = "\u001e";

    @ParameterizedTest
    @EnumSource(EioPacketType.class)
    void typeCodesAreTheDigitsZeroToSix(EioPacketType type) {
        assertThat(type.code()).isEqualTo((char) ('0' + type.ordinal()));
        assertThat(EioPacketType.of(type.code())).contains(type);
    }

    @Test
    void unknownTypeCodesAreEmpty() {
        for (char c : new char[] {'7', '9', '/', 'b', 'a', ' ', '\0', '\u0660'}) {
            assertThat(EioPacketType.of(c)).as("code %s", (int) c).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`0{\"sid\":\"x\"}` | OPEN    | `{\"sid\":\"x\"}`",
        "1                | CLOSE   | ``",
        "2                | PING    | ``",
        "2probe           | PING    | probe",
        "3                | PONG    | ``",
        "3probe           | PONG    | probe",
        "4hello           | MESSAGE | hello",
        "`4`              | MESSAGE | ``",
        "`42[\"a\",1]`    | MESSAGE | `2[\"a\",1]`",
        "5                | UPGRADE | ``",
        "6                | NOOP    | ``",
    })
    void textPacketsRoundTrip(String frame, EioPacketType type, String text) {
        EioPacket packet = EioCodec.decodeText(frame);
        assertThat(packet).isEqualTo(EioPacket.of(type, text));
        assertThat(packet.isBinary()).isFalse();
        assertThat(packet.binary()).isEmpty();
        assertThat(EioCodec.encodeText(packet)).isEqualTo(frame);
    }

    @Test
    void textKeepsUnicodeAndSeparatorsInsideAWebSocketFrame() {
        EioPacket p = EioCodec.decodeText("4é😀\u2028" + RS + "x");
        assertThat(p.text()).isEqualTo("é😀\u2028" + RS + "x");
    }

    @Test
    void factoriesBuildTheExpectedPackets() {
        assertThat(EioPacket.of(EioPacketType.NOOP)).isEqualTo(new EioPacket(EioPacketType.NOOP, "", Optional.empty()));
        assertThat(EioPacket.message("hi")).isEqualTo(EioPacket.of(EioPacketType.MESSAGE, "hi"));
        EioPacket bin = EioPacket.binary(new byte[] {1, 2});
        assertThat(bin.type()).isEqualTo(EioPacketType.MESSAGE);
        assertThat(bin.text()).isEmpty();
        assertThat(bin.isBinary()).isTrue();
        assertThat(bin).isEqualTo(EioPacket.binary(new byte[] {1, 2})).hasSameHashCodeAs(EioPacket.binary(new byte[] {1, 2}));
        assertThat(bin).isNotEqualTo(EioPacket.binary(new byte[] {1, 3})).isNotEqualTo(EioPacket.message(""));
        assertThat(bin.toString()).contains("2 bytes");
    }

    @Test
    void binaryIsOnlyForTextlessMessages() {
        assertThatThrownBy(() -> new EioPacket(EioPacketType.PING, "", Optional.of(new byte[1])))
                .isInstanceOf(SwitchboardException.class);
        assertThatThrownBy(() -> new EioPacket(EioPacketType.MESSAGE, "x", Optional.of(new byte[1])))
                .isInstanceOf(SwitchboardException.class);
    }

    @Test
    void aBinaryFrameIsARawMessage() {
        byte[] frame = {0, 1, 2, (byte) 0xff};
        EioPacket p = EioCodec.decodeBinaryFrame(frame);
        assertThat(p.type()).isEqualTo(EioPacketType.MESSAGE);
        assertThat(p.binary()).hasValueSatisfying(b -> assertThat(b).containsExactly(0, 1, 2, 0xff));
        assertThat(EioCodec.decodeBinaryFrame(new byte[0]).binary().orElseThrow()).isEmpty();
    }

    @Test
    void encodeTextRefusesBinary() {
        assertThatThrownBy(() -> EioCodec.encodeText(EioPacket.binary(new byte[] {1})))
                .isInstanceOf(SwitchboardException.class);
    }

    @Test
    void aBase64TextElementIsABinaryMessage() {
        assertThat(EioCodec.decodeText("bAQIDBA==")).isEqualTo(EioPacket.binary(new byte[] {1, 2, 3, 4}));
        assertThat(EioCodec.decodeText("b")).isEqualTo(EioPacket.binary(new byte[0]));
    }

    @Test
    void decodesThePollingPayloadFromTheSpec() {
        List<EioPacket> packets = EioCodec.decodePayload("4hello" + RS + "bAQIDBA==", 16);
        assertThat(packets).containsExactly(EioPacket.message("hello"), EioPacket.binary(new byte[] {1, 2, 3, 4}));
    }

    @Test
    void decodesPayloadsOfEveryKind() {
        String body = "2" + RS + "3probe" + RS + "40" + RS + "451-[\"a\",{\"_placeholder\":true,\"num\":0}]" + RS
                + "b/w==" + RS + "6" + RS + "1";
        assertThat(EioCodec.decodePayload(body, 16)).containsExactly(
                EioPacket.of(EioPacketType.PING),
                EioPacket.of(EioPacketType.PONG, "probe"),
                EioPacket.message("0"),
                EioPacket.message("51-[\"a\",{\"_placeholder\":true,\"num\":0}]"),
                EioPacket.binary(new byte[] {(byte) 0xff}),
                EioPacket.of(EioPacketType.NOOP),
                EioPacket.of(EioPacketType.CLOSE));
        assertThat(EioCodec.decodePayload("4x", 1)).containsExactly(EioPacket.message("x"));
    }

    @Test
    void encodesPayloadsJoinedBySeparatorWithBase64Binary() {
        List<EioPacket> packets = List.of(EioPacket.message("hello"), EioPacket.binary(new byte[] {1, 2, 3, 4}),
                EioPacket.of(EioPacketType.PING), EioPacket.binary(new byte[0]));
        String body = EioCodec.encodePayload(packets);
        assertThat(body).isEqualTo("4hello" + RS + "bAQIDBA==" + RS + "2" + RS + "b");
        assertThat(EioCodec.decodePayload(body, 4)).isEqualTo(packets);
        assertThat(EioCodec.encodePayload(List.of(EioPacket.message("x")))).isEqualTo("4x");
        assertThat(EioCodec.encodePayload(List.of())).isEmpty();
    }

    @Test
    void openPacketHasTheReferenceKeyOrder() {
        assertThat(EioCodec.openPacket("abcdefghijklmnopqrst", List.of("websocket"), 25000, 20000, 1000000))
                .isEqualTo("0{\"sid\":\"abcdefghijklmnopqrst\",\"upgrades\":[\"websocket\"],\"pingInterval\":25000,"
                        + "\"pingTimeout\":20000,\"maxPayload\":1000000}");
        assertThat(EioCodec.openPacket("s", List.of(), 1, 2, 3))
                .isEqualTo("0{\"sid\":\"s\",\"upgrades\":[],\"pingInterval\":1,\"pingTimeout\":2,\"maxPayload\":3}");
        assertThat(EioCodec.openPacket("s\"\\", List.of("a", "b"), 1, 2, 3))
                .startsWith("0{\"sid\":\"s\\\"\\\\\",\"upgrades\":[\"a\",\"b\"],");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 400 | {\"code\":0,\"message\":\"Transport unknown\"}",
        "1 | 400 | {\"code\":1,\"message\":\"Session ID unknown\"}",
        "2 | 400 | {\"code\":2,\"message\":\"Bad handshake method\"}",
        "3 | 400 | {\"code\":3,\"message\":\"Bad request\"}",
        "4 | 403 | {\"code\":4,\"message\":\"Forbidden\"}",
        "5 | 400 | {\"code\":5,\"message\":\"Unsupported protocol version\"}",
    })
    void errorBodiesAndStatuses(int code, int status, String json) {
        assertThat(EioCodec.errorJson(code)).isEqualTo(json);
        assertThat(EioCodec.httpStatus(code)).isEqualTo(status);
    }

    @Test
    void unknownErrorCodesAreRefused() {
        assertThatThrownBy(() -> EioCodec.errorJson(6)).isInstanceOf(SwitchboardException.class);
        assertThatThrownBy(() -> EioCodec.httpStatus(-1)).isInstanceOf(SwitchboardException.class);
    }

    @Test
    void sessionIdsAre20UrlSafeCharactersAndUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = EioCodec.newSessionId();
            assertThat(id).hasSize(20).matches("[A-Za-z0-9_-]{20}");
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }
}
