package dev.switchboard.protocol.sio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Payload;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The payload JSON must equal Node's {@code JSON.stringify}; expectations were produced with Node 20. */
class SioJsonFormatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 0", "-0.0, 0", "1, 1", "-1, -1", "0.1, 0.1", "1.5, 1.5", "100.0, 100", "1e15, 1000000000000000",
        "1e16, 10000000000000000", "1e20, 100000000000000000000", "1e21, 1e+21", "1.5e21, 1.5e+21",
        "123456789012345680000, 123456789012345680000", "1e-6, 0.000001", "1e-7, 1e-7", "1.5e-6, 0.0000015",
        "1.5e-7, 1.5e-7", "5e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308",
        "-1.7976931348623157e308, -1.7976931348623157e+308", "9007199254740992, 9007199254740992",
        "9007199254740994, 9007199254740994", "0.30000000000000004, 0.30000000000000004", "123.456, 123.456",
        "-0.001, -0.001", "0.3333333333333333, 0.3333333333333333", "6666666666.666666, 6666666666.666666",
        "4.35, 4.35", "1e300, 1e+300", "12345.678e-20, 1.2345678e-16", "NaN, null", "Infinity, null",
        "-Infinity, null",
    })
    void doublesPrintAsJavaScriptNumbers(double value, String expected) {
        assertThat(SioEncoder.stringify(value)).isEqualTo(expected);
    }

    @Test
    void integralTypesPrintTheirDigits() {
        assertThat(SioEncoder.stringify(List.of(1, -2L, (short) 3, (byte) 4, Long.MAX_VALUE, new BigInteger("123456789012345678901234"))))
                .isEqualTo("[1,-2,3,4,9223372036854775807,123456789012345678901234]");
        assertThat(SioEncoder.stringify(0.1f)).isEqualTo("0.1");
        assertThat(SioEncoder.stringify(new BigDecimal("12.50"))).isEqualTo("12.50");
    }

    @Test
    void stringsAreEscapedAsJsonStringifyDoes() {
        String input = "a\"b\\c/\n\r\t\b\f\u0000\u0001\u001f\u007f\u2028\u2029é😀\ud800x\udc00\u00e9";
        // Node: JSON.stringify(input); DEL, U+2028/9, non-ASCII and '/' literal; lone surrogates escaped
        assertThat(SioEncoder.stringify(input)).isEqualTo(
                "\"a\\\"b\\\\c/\\n\\r\\t\\b\\f\\u0000\\u0001\\u001f\u007f\u2028\u2029é😀\\ud800x\\udc00é\"");
        assertThat(SioEncoder.stringify("\udbff\udfff\udc00\ud800")).isEqualTo("\"\udbff\udfff\\udc00\\ud800\"");
        assertThat(SioEncoder.stringify("")).isEqualTo("\"\"");
    }

    @Test
    void mapsKeepInsertionOrderWithoutWhitespace() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", Arrays.asList(true, false, null, "s"));
        m.put("é", Map.of());
        m.put("k", List.of());
        assertThat(SioEncoder.stringify(m)).isEqualTo("{\"z\":1,\"a\":[true,false,null,\"s\"],\"é\":{},\"k\":[]}");
        assertThat(SioEncoder.stringify(new TreeMap<>(Map.of("b", 1, "a", 2)))).isEqualTo("{\"a\":2,\"b\":1}");
        assertThat(SioEncoder.stringify(Map.of(1, "x"))).isEqualTo("{\"1\":\"x\"}");
    }

    @Test
    void absentValuesAreLeftOutOfObjectsLikeUndefined() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", Optional.empty());
        m.put("b", Payload.none());
        m.put("c", Optional.of(1));
        m.put("d", Payload.of("x"));
        m.put("e", Payload.nullValue());
        m.put("f", null);
        assertThat(SioEncoder.stringify(m)).isEqualTo("{\"c\":1,\"d\":\"x\",\"e\":null,\"f\":null}");
        assertThat(SioEncoder.stringify(Arrays.asList(Optional.empty(), null))).isEqualTo("[null,null]");
    }

    enum Colour { RED }

    record Point(int x, String label) {}

    @Test
    void otherJavaValuesGoThroughTheTree() {
        assertThat(SioEncoder.stringify(Colour.RED)).isEqualTo("\"RED\"");
        assertThat(SioEncoder.stringify('c')).isEqualTo("\"c\"");
        assertThat(SioEncoder.stringify(new Object[] {1, "a"})).isEqualTo("[1,\"a\"]");
        assertThat(SioEncoder.stringify(new int[] {1, 2})).isEqualTo("[1,2]");
        assertThat(SioEncoder.stringify(new Point(3, "p"))).isEqualTo("{\"x\":3,\"label\":\"p\"}");
        assertThat(SioEncoder.stringify(java.util.Set.of(5))).isEqualTo("[5]");
        assertThat(SioEncoder.stringify(Payload.json("{\"q\":[1,2]}"))).isEqualTo("{\"q\":[1,2]}");
    }

    @Test
    void decodedJsonReencodesToTheSameText() {
        String[] samples = {
            "[\"e\",{\"b\":1,\"a\":[1.5,-3,1e+21,0.000001,null,true,\"\\u0001é\"]},{},[]]",
            "[\"x\",12345678901234567890,1.7976931348623157e+308]",
        };
        for (String json : samples) {
            SioPacket p = new SioDecoder().decodeText("2" + json).orElseThrow();
            assertThat(SioEncoder.encode(p).text()).isEqualTo("2" + json);
        }
    }
}
