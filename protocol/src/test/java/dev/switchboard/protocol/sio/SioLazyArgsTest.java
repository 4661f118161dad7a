package dev.switchboard.protocol.sio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.Payload;
import dev.switchboard.core.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain events and acks keep object and array arguments as the text the peer sent until they are read. */
class SioLazyArgsTest {
    private static SioPacket decode(String text) {
        return new SioDecoder().decodeText(text).orElseThrow();
    }

    @Test
    void objectAndArrayArgumentsStayAsTheirText() {
        SioPacket packet = decode("21[\"echo\",{\"b\": 1, \"a\":[2 ,3]},[\"x\"],\"s\",4,true,null]");
        assertThat(packet.data().orElseThrow()).isInstanceOf(JsonValues.class);
        JsonValues args = (JsonValues) packet.args();
        assertThat(args).hasSize(6);
        assertThat(args.payload(0).isJsonText()).isTrue();
        assertThat(args.payload(0).json()).isEqualTo("{\"b\": 1, \"a\":[2 ,3]}");
        assertThat(args.payload(1).json()).isEqualTo("[\"x\"]");
        // scalars are read while scanning, so they are values already
        assertThat(args.payload(2).isJsonText()).isFalse();
        assertThat(args.payload(5).isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[\"e\",{\"b\":1,\"a\":[1.5,-3,1e+21,0.000001,null,true,\"\\u0001é\"]},{},[]]",
        "[\"x\",12345678901234567890,1.7976931348623157e+308,-0,2147483648,[[[]]],{\"k\":{\"k\":null}}]",
        "[\"dup\",{\"a\":1,\"a\":2},\"\\ud83d\\ude00\",\"\\\"quoted\\\"\"]",
        "[1.5,{\"n\":-1.25e-7}]",
    })
    void readElementsEqualAFullDecode(String json) {
        SioPacket packet = decode("2" + json);
        List<?> full = (List<?>) Json.decode(json);
        assertThat((List<?>) packet.data().orElseThrow()).isEqualTo(full);
        assertThat(packet.args()).isEqualTo(full.subList(1, full.size()));
        assertThat(packet.eventName()).contains(full.get(0) instanceof String s ? s : JsJson.number((Number) full.get(0)));
    }

    @Test
    void ackArgumentsAreLazyToo() {
        SioPacket packet = decode("3/admin,7[{\"ok\":true},2]");
        assertThat(packet.args()).isInstanceOf(JsonValues.class).containsExactly(Map.of("ok", true), 2);
        assertThat(((JsonValues) packet.args()).payload(0).json()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void receivedTextIsWrittenBackAsItCame() {
        JsonValues args = (JsonValues) decode("20[\"echo\",{\"z\": [1, 2.50]},\"é\"]").args();
        SioEncoded ack = SioEncoder.encode(SioPacket.ack("/", 20, List.of(args.payload(0), args.payload(1))));
        assertThat(ack.text()).isEqualTo("320[{\"z\": [1, 2.50]},\"é\"]");
        // the list itself, as a handler passing all its arguments on would
        assertThat(SioEncoder.encode(SioPacket.ack("/", 3, args)).text()).isEqualTo("33[{\"z\": [1, 2.50]},\"é\"]");
        assertThat(SioEncoder.encodeEvent("/", List.of("m", args.payload(0)))).isEqualTo("2[\"m\",{\"z\": [1, 2.50]}]");
    }

    @Test
    void javaValuesAreStillWrittenAsJsonStringifyWould() {
        Payload decoded = Payload.ofNullable(Map.of("n", 1.0));
        assertThat(decoded.isJsonText()).isFalse();
        assertThat(SioEncoder.encodeEvent("/", List.of("m", decoded))).isEqualTo("2[\"m\",{\"n\":1}]");
    }

    @Test
    void theListIsUnmodifiable() {
        List<Object> args = decode("2[\"e\",{}]").args();
        assertThatThrownBy(() -> args.add(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> args.set(0, 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> args.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // malformed inside an argument that is kept as text must still fail at once
        "2[\"e\",{\"a\":}]", "2[\"e\",{\"a\":1,}]", "2[\"e\",[1 2]]", "2[\"e\",{\"a\":\"\u0001\"}]",
        "2[\"e\",{\"a\":\"\\x\"}]", "2[\"e\",{\"a\":01}]", "2[\"e\",{\"a\":[1]]", "2[\"e\",{\"a\":1}", "2[\"e\",{'a':1}]",
        "2[\"e\",{\"a\":NaN}]", "2[\"e\",{}] {}", "2[\"e\",{}]]", "3[{\"a\":}]", "31[[1,]]",
    })
    void malformedNestedArgumentsAreParseErrors(String text) {
        assertThatThrownBy(() -> new SioDecoder().decodeText(text)).isInstanceOf(SioParseException.class);
    }

    @Test
    void readLimitsApplyToArgumentsKeptAsText() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> new SioDecoder().decodeText("2[\"e\"," + deep + "]")).isInstanceOf(SioParseException.class);
        String longNumber = "1".repeat(5000);
        assertThatThrownBy(() -> new SioDecoder().decodeText("2[\"e\",{\"n\":" + longNumber + "}]"))
                .isInstanceOf(SioParseException.class);
    }

    @Test
    void packetsBuiltByHandAreNotAffected() {
        SioPacket packet = SioPacket.event("/", List.of("e", Map.of("a", 1)), OptionalLong.empty());
        assertThat(packet.args()).containsExactly(Map.of("a", 1));
        assertThat(packet.data().orElseThrow()).isNotInstanceOf(JsonValues.class);
    }
}
