package dev.switchboard.protocol.sio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Decoding of every example of the protocol notes (§2.2) and of the reference parser's format. */
class SioDecoderTest {
    private final SioDecoder decoder = new SioDecoder();

    private SioPacket decode(String text) {
        Optional<SioPacket> packet = decoder.decodeText(text);
        assertThat(packet).as("complete packet for %s", text).isPresent();
        assertThat(decoder.pendingBinary()).isFalse();
        return packet.orElseThrow();
    }

    @Test
    void connectToTheMainNamespace() {
        assertThat(decode("0")).isEqualTo(new SioPacket(SioPacketType.CONNECT, "/", OptionalLong.empty(), Optional.empty()));
    }

    @Test
    void connectWithNamespaceAndPayload() {
        SioPacket p = decode("0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}");
        assertThat(p.type()).isEqualTo(SioPacketType.CONNECT);
        assertThat(p.namespace()).isEqualTo("/admin");
        assertThat(p.ackId()).isEmpty();
        assertThat(p.data()).contains(Map.of("sid", "oSO0OpakMV_3jnilAAAA"));
    }

    @Test
    void connectAuthKeepsJsonTypes() {
        SioPacket p = decode("0{\"token\":\"abc\",\"n\":1,\"big\":12345678901,\"f\":1.5,\"ok\":true,\"none\":null,\"l\":[1]}");
        @SuppressWarnings("unchecked")
        Map<String, Object> auth = (Map<String, Object>) p.data().orElseThrow();
        assertThat(auth).containsEntry("token", "abc").containsEntry("n", 1).containsEntry("big", 12345678901L)
                .containsEntry("f", 1.5).containsEntry("ok", true).containsEntry("none", null)
                .containsEntry("l", List.of(1));
        assertThat(auth.keySet()).containsExactly("token", "n", "big", "f", "ok", "none", "l");
    }

    @Test
    void connectErrorWithObjectOrString() {
        SioPacket p = decode("4{\"message\":\"Not authorized\"}");
        assertThat(p.type()).isEqualTo(SioPacketType.CONNECT_ERROR);
        assertThat(p.data()).contains(Map.of("message", "Not authorized"));
        assertThat(decode("4\"Invalid namespace\"").data()).contains("Invalid namespace");
        assertThat(decode("4/custom,{\"message\":\"x\",\"data\":{\"a\":1}}").namespace()).isEqualTo("/custom");
    }

    @Test
    void eventOnMainNamespace() {
        SioPacket p = decode("2[\"foo\"]");
        assertThat(p).isEqualTo(new SioPacket(SioPacketType.EVENT, "/", OptionalLong.empty(), Optional.of(List.of("foo"))));
        assertThat(p.eventName()).contains("foo");
        assertThat(p.args()).isEmpty();
        assertThat(p.isEvent()).isTrue();
    }

    @Test
    void eventOnNamespace() {
        SioPacket p = decode("2/admin,[\"bar\"]");
        assertThat(p.namespace()).isEqualTo("/admin");
        assertThat(p.eventName()).contains("bar");
    }

    @Test
    void eventWithAckId() {
        SioPacket p = decode("212[\"foo\"]");
        assertThat(p.ackId()).hasValue(12);
        assertThat(p.eventName()).contains("foo");
        SioPacket q = decode("2/chat,7[\"msg\",\"hi\",{\"x\":[1,2]}]");
        assertThat(q.namespace()).isEqualTo("/chat");
        assertThat(q.ackId()).hasValue(7);
        assertThat(q.args()).containsExactly("hi", Map.of("x", List.of(1, 2)));
    }

    @Test
    void ackOnNamespace() {
        SioPacket p = decode("3/admin,13[\"bar\"]");
        assertThat(p.type()).isEqualTo(SioPacketType.ACK);
        assertThat(p.namespace()).isEqualTo("/admin");
        assertThat(p.ackId()).hasValue(13);
        assertThat(p.args()).containsExactly("bar");
        assertThat(p.eventName()).isEmpty();
        assertThat(decode("30[]").args()).isEmpty();
        assertThat(decode("31").data()).isEmpty(); // an ack without payload: no arguments
        assertThat(decode("31").args()).isEmpty();
    }

    @Test
    void binaryEventWaitsForItsAttachment() {
        assertThat(decoder.decodeText("51-[\"baz\",{\"_placeholder\":true,\"num\":0}]")).isEmpty();
        assertThat(decoder.pendingBinary()).isTrue();
        SioPacket p = decoder.decodeBinary(new byte[] {1, 2, 3}).orElseThrow();
        assertThat(decoder.pendingBinary()).isFalse();
        assertThat(p.type()).isEqualTo(SioPacketType.EVENT); // like socket.io-parser 4.2.7
        assertThat(p.namespace()).isEqualTo("/");
        assertThat(p.eventName()).contains("baz");
        assertThat(p.args()).singleElement().isEqualTo(new byte[] {1, 2, 3});
    }

    @Test
    void binaryAckWithId() {
        assertThat(decoder.decodeText("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]")).isEmpty();
        SioPacket p = decoder.decodeBinary(new byte[] {4}).orElseThrow();
        assertThat(p.type()).isEqualTo(SioPacketType.ACK);
        assertThat(p.ackId()).hasValue(15);
        assertThat(p.args()).containsExactly("bar", new byte[] {4});
    }

    @Test
    void binaryOnNamespaceWithNestedPlaceholdersInAnyOrder() {
        assertThat(decoder.decodeText("53-/files,9[\"up\",{\"b\":[{\"_placeholder\":true,\"num\":2}],"
                + "\"a\":{\"_placeholder\":true,\"num\":0}},{\"_placeholder\":true,\"num\":1},"
                + "{\"_placeholder\":true,\"num\":0}]")).isEmpty();
        assertThat(decoder.decodeBinary(new byte[] {0})).isEmpty();
        assertThat(decoder.decodeBinary(new byte[] {1})).isEmpty();
        SioPacket p = decoder.decodeBinary(new byte[] {2}).orElseThrow();
        assertThat(p.namespace()).isEqualTo("/files");
        assertThat(p.ackId()).hasValue(9);
        assertThat(p.args()).hasSize(3);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) p.args().get(0);
        assertThat(first.get("b")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly((Object) new byte[] {2});
        assertThat(first.get("a")).isEqualTo(new byte[] {0});
        assertThat(p.args().get(1)).isEqualTo(new byte[] {1});
        assertThat(p.args().get(2)).isEqualTo(new byte[] {0}); // a repeated num is the same attachment
    }

    @Test
    void unusedAttachmentsAreAllowed() {
        assertThat(decoder.decodeText("52-[\"x\",{\"_placeholder\":true,\"num\":1}]")).isEmpty();
        decoder.decodeBinary(new byte[] {9});
        assertThat(decoder.decodeBinary(new byte[] {8}).orElseThrow().args()).containsExactly(new byte[] {8});
    }

    @Test
    void theDecoderIsReusableAfterABinaryPacket() {
        decoder.decodeText("51-[\"x\",{\"_placeholder\":true,\"num\":0}]");
        decoder.decodeBinary(new byte[0]);
        assertThat(decode("2[\"next\"]").eventName()).contains("next");
    }

    @Test
    void disconnectFromNamespaceAndMain() {
        SioPacket p = decode("1/admin,");
        assertThat(p).isEqualTo(SioPacket.disconnect("/admin"));
        assertThat(decode("1")).isEqualTo(SioPacket.disconnect("/"));
    }

    @Test
    void namespaceRunsToEndOfStringWithoutComma() {
        assertThat(decode("40/custom".substring(1))).isEqualTo(SioPacket.connect("/custom"));
        assertThat(decode("41/custom".substring(1))).isEqualTo(SioPacket.disconnect("/custom"));
        assertThat(decode("0/custom,")).isEqualTo(SioPacket.connect("/custom"));
        // no comma: everything is namespace, as in the reference decoder
        assertThat(decode("0/a12{}").namespace()).isEqualTo("/a12{}");
        // digits after the type are an ack id even where the reference would not expect one
        assertThat(decode("01").ackId()).hasValue(1);
        assertThat(decode("0/").namespace()).isEqualTo("/");
    }

    @Test
    void numericEventNamesAreAllowedAndPrintedAsJavaScriptDoes() {
        assertThat(decode("2[1,\"a\"]").eventName()).contains("1");
        assertThat(decode("2[1.5]").eventName()).contains("1.5");
        assertThat(decode("2[1.0]").eventName()).contains("1");
        assertThat(decode("2[1e21]").eventName()).contains("1e+21");
        assertThat(decode("2[-0]").eventName()).contains("0");
        assertThat(decode("2[1,\"a\"]").args()).containsExactly("a");
    }

    @Test
    void ackIdDigitsAreReadGreedilyAndOnlyDigits() {
        assertThat(decode("2007[\"x\"]").ackId()).hasValue(7);
        assertThat(decode("2123456789012345678[\"x\"]").ackId()).hasValue(123456789012345678L);
        // the reference reads the space as ack id 0 (Number(" ") == " "); only ASCII digits count here
        assertThat(decode("2 [\"x\"]").ackId()).isEmpty();
        assertThat(decode("3/a,5").ackId()).hasValue(5);
        assertThat(decode("3/a,5").data()).isEmpty();
    }

    @Test
    void jsonNullAndUnicodeInsideArgumentsSurvive() {
        SioPacket p = decode("2[\"e\",null,\"\\u00e9\\ud83d\\ude00\",\"\u2028\",{\"k\":null}]");
        assertThat(p.args()).containsExactly(null, "é😀", "\u2028", java.util.Collections.singletonMap("k", null));
    }
}
