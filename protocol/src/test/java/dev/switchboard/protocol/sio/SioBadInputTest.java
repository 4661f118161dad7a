package dev.switchboard.protocol.sio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.protocol.eio.EioCodec;
import dev.switchboard.protocol.eio.EioParseException;
import dev.switchboard.protocol.eio.Mutations;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every invalid input is a {@link SioParseException}, never another exception (socket.io-parser isPayloadValid + CVEs). */
class SioBadInputTest {
    private static final String P0 = "{\"_placeholder\":true,\"num\":0}";

    @ParameterizedTest
    @ValueSource(strings = {
        // type
        "", "7", "9[\"a\"]", "x", "-2[\"a\"]", " 2[\"a\"]", "\u0662[\"a\"]",
        // attachment count (CVE-2026-33151: huge counts; netty-socketio#945: 1832742252)
        "5[\"a\"]", "5-[\"a\"]", "50-[\"a\"]", "5x-[\"a\"]", "51", "51[\"a\"]", "5 1-[\"a\"]", "51e1-[\"a\"]",
        "511-[\"a\"]", "51832742252-[\"a\"," + P0 + "]", "599999999999999999999999-[\"a\"]", "6-1-[]",
        // JSON
        "2[\"a\"", "2[\"a\"]x", "2[\"a\"] [1]", "2{\"a\":}", "2['a']", "2[\"a\",]", "2[\"a\" \"b\"]", "2[NaN]",
        "2[\"a\u0001\"]", "0{\"a\":1}}", "2/admin,garbage", "2null", "3null", "0null", "4null", "2[01]",
        // CONNECT: an object or nothing
        "0[]", "0\"s\"", "0 1", "0true", "0/admin,[1]",
        // DISCONNECT: no payload at all
        "1{}", "1/admin,{}", "1[]", "1\"x\"",
        // EVENT: a non-empty array, first item a number or a non-reserved string (CVE-2023-32695)
        "2", "2/admin,", "212", "2{}", "2[]", "2\"foo\"", "2[null]", "2[true,1]", "2[{\"toString\":1}]",
        "2[[\"a\"]]", "2[\"connect\"]", "2[\"connect_error\"]", "2[\"disconnect\",1]", "2[\"disconnecting\"]",
        "2[\"newListener\"]", "2/admin,5[\"removeListener\"]", "51-[\"disconnect\"," + P0 + "]", "51-[]",
        "51-{}",
        // ACK: an array
        "3{}", "31{}", "31\"x\"", "3true", "61-1{}",
        // CONNECT_ERROR: an object or a string
        "4[]", "4 1", "4true",
        // ack id too long to be a JavaScript-safe integer
        "21234567890123456789[\"a\"]",
    })
    void invalidPacketsAreParseErrors(String text) {
        SioDecoder decoder = new SioDecoder();
        assertThatThrownBy(() -> decoder.decodeText(text)).isInstanceOf(SioParseException.class);
        assertThat(decoder.pendingBinary()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // GHSA-qm95-pgcg-qqfq and friends: num must be an int in range, nothing else in the object
        "{\"_placeholder\":true,\"num\":\"splice\"}", "{\"_placeholder\":true,\"num\":\"0\"}",
        "{\"_placeholder\":true,\"num\":-1}", "{\"_placeholder\":true,\"num\":1.5}", "{\"_placeholder\":true,\"num\":0.0}",
        "{\"_placeholder\":true,\"num\":99}", "{\"_placeholder\":true,\"num\":1}", "{\"_placeholder\":true}",
        "{\"_placeholder\":true,\"num\":null}", "{\"_placeholder\":true,\"num\":[0]}", "{\"_placeholder\":true,\"num\":{}}",
        "{\"_placeholder\":true,\"num\":0,\"toString\":1}", "{\"_placeholder\":true,\"nom\":0}",
        "{\"_placeholder\":true,\"num\":99999999999999999999}", "{\"_placeholder\":true,\"num\":4294967296}",
    })
    void malformedPlaceholdersAreParseErrors(String placeholder) {
        for (String text : List.of("51-[\"a\"," + placeholder + "]", "51-[\"a\",{\"deep\":[" + placeholder + "]}]",
                "61-3[" + placeholder + "]")) {
            SioDecoder decoder = new SioDecoder();
            assertThatThrownBy(() -> decoder.decodeText(text)).as(text).isInstanceOf(SioParseException.class);
            assertThat(decoder.pendingBinary()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2[\"a\"," + P0 + "]", "3[" + P0 + "]", "0{\"x\":" + P0 + "}", "4{\"message\":" + P0 + "}",
        "2[\"a\",{\"k\":[{\"_placeholder\":true,\"num\":\"splice\"}]}]"})
    void placeholdersInNonBinaryPacketsArePlainData(String text) {
        // socket.io's parser only resolves placeholders in BINARY_EVENT/BINARY_ACK; elsewhere they are data,
        // and the official client relies on that (an object that looks like a placeholder round-trips).
        SioPacket p = new SioDecoder().decodeText(text).orElseThrow();
        assertThat(p.data()).isPresent();
        assertThat(p.data().get().toString()).contains("_placeholder");
    }

    @Test
    void placeholderLookalikesThatAreNotMarkedTrueAreData() {
        SioPacket p = new SioDecoder().decodeText("2[\"a\",{\"_placeholder\":\"true\",\"num\":\"splice\"}]").orElseThrow();
        assertThat(p.args()).hasSize(1);
    }

    @Test
    void attachmentLimitIsConfigurable() {
        String three = "53-[\"a\"," + P0 + "]";
        assertThatThrownBy(() -> new SioDecoder(2).decodeText(three)).isInstanceOf(SioParseException.class)
                .hasMessageContaining("too many");
        assertThat(new SioDecoder(3).decodeText(three)).isEmpty();
        assertThat(new SioDecoder().decodeText("510-[\"a\"," + P0 + "]")).isEmpty();
        assertThatThrownBy(() -> new SioDecoder().decodeText("511-[\"a\"," + P0 + "]")).isInstanceOf(SioParseException.class);
        assertThatThrownBy(() -> new SioDecoder(0).decodeText("51-[\"a\"," + P0 + "]")).isInstanceOf(SioParseException.class);
    }

    @Test
    void binaryWithoutPendingPacketIsAParseError() {
        SioDecoder decoder = new SioDecoder();
        assertThatThrownBy(() -> decoder.decodeBinary(new byte[] {1})).isInstanceOf(SioParseException.class);
        decoder.decodeText("2[\"a\"]");
        assertThatThrownBy(() -> decoder.decodeBinary(new byte[] {1})).isInstanceOf(SioParseException.class);
        decoder.decodeText("51-[\"a\"," + P0 + "]");
        decoder.decodeBinary(new byte[] {1});
        assertThatThrownBy(() -> decoder.decodeBinary(new byte[] {1})).isInstanceOf(SioParseException.class);
    }

    @Test
    void textWhileAttachmentsAreDueIsAParseErrorAndResets() {
        SioDecoder decoder = new SioDecoder();
        decoder.decodeText("52-[\"a\"," + P0 + "]");
        decoder.decodeBinary(new byte[] {1});
        assertThatThrownBy(() -> decoder.decodeText("2[\"b\"]")).isInstanceOf(SioParseException.class);
        assertThat(decoder.pendingBinary()).isFalse();
        assertThat(decoder.decodeText("2[\"b\"]")).isPresent();
    }

    @Test
    void resetDropsAPendingPacket() {
        SioDecoder decoder = new SioDecoder();
        decoder.decodeText("51-[\"a\"," + P0 + "]");
        decoder.reset();
        assertThat(decoder.pendingBinary()).isFalse();
        assertThat(decoder.decodeText("2[\"b\"]")).isPresent();
    }

    @Test
    void deeplyNestedJsonIsAParseErrorNotAStackOverflow() {
        int depth = 10_000;
        String nestedArrays = "2[\"a\"," + "[".repeat(depth) + "]".repeat(depth) + "]";
        assertThatThrownBy(() -> new SioDecoder().decodeText(nestedArrays)).isInstanceOf(SioParseException.class);
        String nestedObjects = "0" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        assertThatThrownBy(() -> new SioDecoder().decodeText(nestedObjects)).isInstanceOf(SioParseException.class);
        String unterminated = "2[\"a\"," + "[".repeat(depth);
        assertThatThrownBy(() -> new SioDecoder().decodeText(unterminated)).isInstanceOf(SioParseException.class);
        // moderate nesting is fine
        String fine = "2[\"a\"," + "[".repeat(100) + "]".repeat(100) + "]";
        assertThat(new SioDecoder().decodeText(fine)).isPresent();
    }

    @Test
    void hugeNumbersAreBoundedByTheJsonParser() {
        String longNumber = "2[\"a\"," + "9".repeat(100_000) + "]";
        assertThatThrownBy(() -> new SioDecoder().decodeText(longNumber)).isInstanceOf(SioParseException.class);
        String longAckId = "2" + "1".repeat(100_000) + "[\"a\"]";
        assertThatThrownBy(() -> new SioDecoder().decodeText(longAckId)).isInstanceOf(SioParseException.class);
        String longCount = "5" + "1".repeat(100_000) + "-[\"a\"]";
        assertThatThrownBy(() -> new SioDecoder().decodeText(longCount)).isInstanceOf(SioParseException.class);
    }

    @Test
    void fuzzedInputOnlyEverDecodesOrThrowsParseErrors() {
        long seed = 0x5EED_510L;
        Random random = new Random(seed);
        List<String> seeds = List.of("0", "0/admin,{\"sid\":\"abc\"}", "4{\"message\":\"Not authorized\"}", "2[\"foo\"]",
                "2/admin,[\"bar\"]", "212[\"foo\"]", "3/admin,13[\"bar\"]", "51-[\"baz\"," + P0 + "]",
                "61-15[\"bar\"," + P0 + "]", "1/admin,", "0/custom", "1/custom", "2[\"a\",{\"b\":[1,2.5,null,true]}]",
                "52-[\"x\",{\"_placeholder\":true,\"num\":1}," + P0 + "]");
        String alphabet = "0123456789-/,[]{}\":._placeholdernumtrue \\u\u0000\u00e9\ud800e+";
        SioDecoder shared = new SioDecoder(); // exercises state carried across inputs, as on a real connection
        for (int round = 0; round < 5_000; round++) {
            String input = round % 3 == 2
                    ? Mutations.random(alphabet, random.nextInt(30), random)
                    : Mutations.mutate(seeds.get(random.nextInt(seeds.size())), alphabet, random);
            try {
                SioDecoder decoder = round % 2 == 0 ? shared : new SioDecoder(1 + random.nextInt(3));
                decoder.decodeText(input);
                while (decoder.pendingBinary() && random.nextInt(4) != 0) {
                    decoder.decodeBinary(new byte[random.nextInt(3)]);
                }
                if (random.nextInt(8) == 0) {
                    decoder.decodeBinary(new byte[1]);
                }
            } catch (SioParseException expected) {
                // fine: rejecting malformed input is the contract
            } catch (RuntimeException | Error other) {
                throw new AssertionError("seed " + seed + " round " + round + " input " + Mutations.show(input), other);
            }
            try {
                EioCodec.decodePayload("4" + input, 4);
            } catch (EioParseException expected) {
                // fine
            } catch (RuntimeException | Error other) {
                throw new AssertionError("payload: seed " + seed + " round " + round + " input " + Mutations.show(input), other);
            }
        }
    }
}
