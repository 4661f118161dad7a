package dev.switchboard.protocol.eio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EioBadInputTest {
    private static final String RS = "\u001e";

    @ParameterizedTest
    @ValueSource(strings = {"", "7", "9hello", "x", "a", "-1", " 4", "\u0000", "\u0664hello", "bA=Q", "b!!!!", "b====",
        "bAQIDBA===", "b\u00e9"})
    void invalidFramesAreParseErrors(String frame) {
        assertThatThrownBy(() -> EioCodec.decodeText(frame)).isInstanceOf(EioParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", RS, "4a" + RS, RS + "4a", "4a" + RS + RS + "4b", "4a" + RS + "8b", "4a" + RS + "b%%%",
        "4a" + RS + "x"})
    void invalidPayloadsAreParseErrors(String body) {
        assertThatThrownBy(() -> EioCodec.decodePayload(body, 16)).isInstanceOf(EioParseException.class);
    }

    @Test
    void payloadsOverThePacketLimitAreRefusedBeforeDecoding() {
        String tenThousand = String.join(RS, java.util.Collections.nCopies(10_000, "4x"));
        assertThat(EioCodec.decodePayload(tenThousand, 10_000)).hasSize(10_000);
        assertThatThrownBy(() -> EioCodec.decodePayload(tenThousand, 16))
                .isInstanceOf(EioParseException.class)
                .hasMessageContaining("16");
        // even when every element is garbage, the count is what fails, so no element is decoded
        String garbage = String.join(RS, java.util.Collections.nCopies(10_001, "?"));
        assertThatThrownBy(() -> EioCodec.decodePayload(garbage, 10_000))
                .isInstanceOf(EioParseException.class)
                .hasMessageContaining("more than 10000");
        assertThat(EioCodec.decodePayload("4a" + RS + "4b", 2)).hasSize(2);
        assertThatThrownBy(() -> EioCodec.decodePayload("4a" + RS + "4b", 1)).isInstanceOf(EioParseException.class);
    }

    @Test
    void fuzzedInputOnlyEverDecodesOrThrowsParseErrors() {
        long seed = 0x5EED_E10L;
        Random random = new Random(seed);
        List<String> seeds = List.of("4hello" + RS + "bAQIDBA==", "2probe", "3probe", "0{\"sid\":\"x\"}", "6", "5",
                "1", "42[\"a\"]" + RS + "2" + RS + "b/w==", "bAA==");
        String alphabet = "0123456789b4" + RS + "=+/-_[]{}\":,AaQZz\u0000\u00e9\ud83d\ude00\ud800 ";
        for (int round = 0; round < 5_000; round++) {
            String input = round % 2 == 0
                    ? Mutations.mutate(seeds.get(random.nextInt(seeds.size())), alphabet, random)
                    : Mutations.random(alphabet, random.nextInt(40), random);
            try {
                if (round % 3 == 0) {
                    EioCodec.decodeText(input);
                } else {
                    EioCodec.decodePayload(input, 1 + random.nextInt(16));
                }
            } catch (EioParseException expected) {
                // fine: rejecting malformed input is the contract
            } catch (RuntimeException | Error other) {
                throw new AssertionError("seed " + seed + " round " + round + " input " + Mutations.show(input), other);
            }
        }
    }
}
