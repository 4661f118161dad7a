package dev.switchboard.protocol.sc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token-stream reader must decode exactly what a parsed tree gives. {@link #treeDecode} is the
 * tree-based decoder it replaced, kept here as the reference.
 */
class ScEnvelopeReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"event\":\"echo\",\"data\":\"x\",\"cid\":1}",
        " { \"event\" : \"echo\" , \"data\" : { \"a\" : [1, 2.5, -3e2, true, null] } , \"cid\" : 12 } ",
        "{\"data\":[[],{}],\"event\":\"e\"}",
        "{\"event\":\"e\",\"data\":\"quote \\\" and \\\\ and \\u00e9 \\ud83d\\ude00\"}",
        "{\"event\":\"e\",\"data\":\"\u00e9t\u00e9 \ud83d\ude00\",\"cid\":3}",
        "{\"event\":\"e\",\"data\":12345678901234567890123,\"cid\":1.9}",
        "{\"event\":\"e\",\"data\":-0.0}",
        "{\"event\":\"e\",\"data\":false}",
        "{\"event\":\"e\",\"data\":null}",
        "{\"event\":\"e\",\"event\":7,\"data\":1}",
        "{\"event\":\"a\",\"data\":1,\"data\":{\"b\":2}}",
        "{\"event\":\"a\",\"cid\":1,\"cid\":\"x\"}",
        "{\"rid\":4,\"data\":{\"ok\":true}}",
        "{\"rid\":4,\"error\":{\"name\":\"BadThing\",\"message\":\"no\",\"extra\":[1]}}",
        "{\"rid\":4,\"error\":null,\"data\":1}",
        "{\"rid\":\"4\",\"data\":1}",
        "{\"x\":{\"event\":\"nested\"}}",
        "{}",
        "[]",
        "[{\"event\":\"a\",\"data\":1},{\"rid\":2,\"data\":[3]}, \"#2\" , 7, null, {\"y\":[1,{\"z\":2}]}, [1, 2]]",
        "{\"event\":\"e\"} trailing",
        "{\"event\":\"e\"}{\"event\":\"f\"}",
        "{\"event\":\"e\",}",
        "{\"event\":\"e\",\"data\":[1,}",
        "[{\"event\":\"e\"}",
        "{\"event\":\"e\",\"data\":\"unterminated}",
        "{\"event\" \"e\"}",
        "[1 2]",
        "{\"event\":\"e\",\"data\":01}",
        "{\"event\":\"e\",\"data\":NaN}",
    })
    void decodesLikeAParsedTree(String text) {
        assertSame(ScCodec.decode(text), treeDecode(text), text);
    }

    @Test
    void randomEnvelopesDecodeLikeAParsedTree() {
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            String text = random.nextInt(4) == 0 ? batchText(random) : envelopeText(random);
            assertSame(ScCodec.decode(text), treeDecode(text), text);
        }
    }

    @Test
    void keepsTheSentTextOfDataUnparsed() {
        String text = "{\"event\":\"echo\",\"data\": {\"b\" : [1,  2]} ,\"cid\":5}";
        ScPacket.Event e = (ScPacket.Event) ScCodec.decode(text).get(0);
        assertThat(e.data().json()).isEqualTo("{\"b\" : [1,  2]}");
        assertThat(e.data().asMap()).isEqualTo(Map.of("b", List.of(1, 2)));
        assertThat(ScCodec.reply(5, e.data())).isEqualTo("{\"rid\":5,\"data\":{\"b\" : [1,  2]}}");
    }

    @Test
    void deepNestingIsRefusedAsMalformed() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String text = "{\"event\":\"e\",\"data\":" + deep + "}";
        assertThat(ScCodec.decode(text)).singleElement().isEqualTo(new ScPacket.Raw(text));
    }

    // ---- reference and comparison ----

    private static void assertSame(List<ScPacket> actual, List<ScPacket> expected, String text) {
        assertThat(actual).as(text).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            ScPacket a = actual.get(i);
            ScPacket e = expected.get(i);
            assertThat(a.getClass()).as(text).isEqualTo(e.getClass());
            switch (a) {
                case ScPacket.Event ae -> {
                    ScPacket.Event ee = (ScPacket.Event) e;
                    assertThat(ae.event()).as(text).isEqualTo(ee.event());
                    assertThat(ae.cid()).as(text).isEqualTo(ee.cid());
                    assertSameData(ae.data(), ee.data(), text);
                }
                case ScPacket.Response ar -> {
                    ScPacket.Response er = (ScPacket.Response) e;
                    assertThat(ar.rid()).as(text).isEqualTo(er.rid());
                    assertSameData(ar.data(), er.data(), text);
                    assertThat(ar.error().map(RemoteException::toMap)).as(text).isEqualTo(er.error().map(RemoteException::toMap));
                }
                case ScPacket.Raw ar -> assertThat(tree(ar.text())).as(text).isEqualTo(tree(((ScPacket.Raw) e).text()));
            }
        }
    }

    private static void assertSameData(Payload actual, Payload expected, String text) {
        assertThat(actual.isNone()).as(text).isEqualTo(expected.isNone());
        assertThat(actual.value()).as(text).isEqualTo(expected.value());
    }

    /** Raw texts compare as trees when they are JSON, as text otherwise. */
    private static Object tree(String text) {
        try {
            return Optional.ofNullable(Json.decode(text));
        } catch (RuntimeException notJson) {
            return text;
        }
    }

    private static List<ScPacket> treeDecode(String text) {
        Object tree;
        try {
            tree = Json.decode(text);
        } catch (RuntimeException malformed) {
            return List.of(new ScPacket.Raw(text));
        }
        if (tree instanceof List<?> batch) {
            List<ScPacket> packets = new ArrayList<>();
            for (Object element : batch) {
                packets.add(element instanceof Map<?, ?> m ? interpret(m, null) : new ScPacket.Raw(rawText(element)));
            }
            return packets;
        }
        return List.of(tree instanceof Map<?, ?> m ? interpret(m, text) : new ScPacket.Raw(text));
    }

    private static ScPacket interpret(Map<?, ?> m, String original) {
        if (m.get("event") instanceof String name) {
            OptionalLong cid = m.get("cid") instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
            return new ScPacket.Event(name, data(m), cid);
        }
        if (m.get("rid") instanceof Number rid) {
            Object error = m.get("error");
            Optional<RemoteException> err = error == null
                    ? Optional.empty()
                    : Optional.of(RemoteException.fromPayload(Payload.ofNullable(error)));
            return new ScPacket.Response(rid.longValue(), data(m), err);
        }
        return new ScPacket.Raw(original != null ? original : rawText(m));
    }

    private static Payload data(Map<?, ?> m) {
        return m.containsKey("data") ? Payload.ofNullable(m.get("data")) : Payload.none();
    }

    private static String rawText(Object element) {
        return element instanceof String s ? s : Json.encode(element);
    }

    // ---- random corpus ----

    private static final String[] KEYS = {"event", "data", "cid", "rid", "error", "channel", "x"};

    private static String batchText(Random r) {
        StringBuilder sb = new StringBuilder("[");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(ws(r));
            sb.append(r.nextInt(3) == 0 ? value(r, 2) : envelopeText(r));
        }
        return sb.append(ws(r)).append(']').toString();
    }

    private static String envelopeText(Random r) {
        StringBuilder sb = new StringBuilder("{");
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(ws(r)).append('"').append(KEYS[r.nextInt(KEYS.length)]).append('"')
                    .append(ws(r)).append(':').append(ws(r)).append(value(r, 3)).append(ws(r));
        }
        sb.append('}');
        if (r.nextInt(20) == 0) {
            sb.insert(r.nextInt(sb.length()), "}],\""); // sometimes malformed
        }
        return sb.toString();
    }

    private static String value(Random r, int depth) {
        int kind = r.nextInt(depth > 0 ? 9 : 6);
        return switch (kind) {
            case 0 -> "\"" + List.of("echo", "a\\\"b", "\\u00e9\u00e8", "\ud83d\ude00", "", "#publish").get(r.nextInt(6)) + "\"";
            case 1 -> Long.toString(r.nextLong(-1000, 100000));
            case 2 -> List.of("1.5", "-0.25e3", "1E2", "0", "-7").get(r.nextInt(5));
            case 3 -> r.nextBoolean() ? "true" : "false";
            case 4 -> "null";
            case 5 -> "\"" + "x".repeat(r.nextInt(40)) + "\"";
            case 6, 7 -> {
                StringBuilder sb = new StringBuilder("[");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append(ws(r)).append(value(r, depth - 1));
                }
                yield sb.append(ws(r)).append(']').toString();
            }
            default -> {
                StringBuilder sb = new StringBuilder("{");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",").append(ws(r)).append('"').append(KEYS[r.nextInt(KEYS.length)])
                            .append("\":").append(ws(r)).append(value(r, depth - 1));
                }
                yield sb.append('}').toString();
            }
        };
    }

    private static String ws(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> " ";
            case 1 -> "\n\t ";
            default -> "";
        };
    }
}
