package dev.switchboard.protocol.sc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScCodecTest {

    @Test
    void decodesTransmitAndCall() {
        assertThat(ScCodec.decode("{\"event\":\"foo\",\"data\":{\"a\":1}}")).singleElement().satisfies(p -> {
            ScPacket.Event e = (ScPacket.Event) p;
            assertThat(e.event()).isEqualTo("foo");
            assertThat(e.isCall()).isFalse();
            assertThat(e.data().asMap()).containsEntry("a", 1);
        });
        ScPacket.Event call = (ScPacket.Event) ScCodec.decode("{\"event\":\"#handshake\",\"data\":{\"authToken\":null},\"cid\":7}").get(0);
        assertThat(call.cid()).hasValue(7);
        assertThat(call.data().field("authToken")).hasValue(Payload.nullValue());
    }

    @Test
    void keepsAbsentDataApartFromNull() {
        ScPacket.Event absent = (ScPacket.Event) ScCodec.decode("{\"event\":\"x\",\"cid\":1}").get(0);
        ScPacket.Event nul = (ScPacket.Event) ScCodec.decode("{\"event\":\"x\",\"data\":null,\"cid\":1}").get(0);
        assertThat(absent.data().isNone()).isTrue();
        assertThat(nul.data().isNull()).isTrue();
        assertThat(ScCodec.reply(1, absent.data())).isEqualTo("{\"rid\":1}");
        assertThat(ScCodec.reply(1, nul.data())).isEqualTo("{\"rid\":1,\"data\":null}");
        assertThat(ScCodec.transmit("x", nul.data())).isEqualTo("{\"event\":\"x\",\"data\":null}");
    }

    @Test
    void aNonNumericCidIsNotACall() {
        ScPacket.Event e = (ScPacket.Event) ScCodec.decode("{\"event\":\"x\",\"cid\":\"7\"}").get(0);
        assertThat(e.isCall()).isFalse();
        assertThat(e.data().isNone()).isTrue();
    }

    @Test
    void decodesRepliesWithDataOrError() {
        ScPacket.Response ok = (ScPacket.Response) ScCodec.decode("{\"rid\":3,\"data\":\"yes\"}").get(0);
        assertThat(ok.rid()).isEqualTo(3);
        assertThat(ok.data().asString()).isEqualTo("yes");
        assertThat(ok.error()).isEmpty();

        ScPacket.Response failed = (ScPacket.Response) ScCodec.decode(
                "{\"rid\":4,\"error\":{\"message\":\"nope\",\"name\":\"BadCustomError\",\"code\":42}}").get(0);
        RemoteException error = failed.error().orElseThrow();
        assertThat(error.name()).isEqualTo("BadCustomError");
        assertThat(error.getMessage()).isEqualTo("nope");
        assertThat(error.fields()).containsEntry("code", 42).doesNotContainKeys("name", "message");

        ScPacket.Response nullError = (ScPacket.Response) ScCodec.decode("{\"rid\":5,\"error\":null}").get(0);
        assertThat(nullError.error()).isEmpty();
    }

    @Test
    void decodesBatchesInOrder() {
        List<ScPacket> packets = ScCodec.decode("[{\"event\":\"a\"},{\"rid\":1},7,{\"x\":1}]");
        assertThat(packets).hasSize(4);
        assertThat(packets.get(0)).isInstanceOf(ScPacket.Event.class);
        assertThat(packets.get(1)).isInstanceOf(ScPacket.Response.class);
        assertThat(packets.get(2)).isEqualTo(new ScPacket.Raw("7"));
        assertThat(packets.get(3)).isEqualTo(new ScPacket.Raw("{\"x\":1}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "#1", "#2", "hello", "{not json", "[1,", "{\"event\":", "  ", "null", "123"})
    void anythingElseIsRawAndNeverThrows(String text) {
        assertThat(ScCodec.decode(text)).singleElement().isEqualTo(new ScPacket.Raw(text));
    }

    @Test
    void encodesEnvelopesExactly() {
        assertThat(ScCodec.transmit("foo", Payload.of(Map.of("a", 1)))).isEqualTo("{\"event\":\"foo\",\"data\":{\"a\":1}}");
        assertThat(ScCodec.transmit("#removeAuthToken", Payload.none())).isEqualTo("{\"event\":\"#removeAuthToken\"}");
        assertThat(ScCodec.invoke("echo", Payload.of("x"), 9)).isEqualTo("{\"event\":\"echo\",\"data\":\"x\",\"cid\":9}");
        assertThat(ScCodec.reply(2, Payload.none())).isEqualTo("{\"rid\":2}");
        assertThat(ScCodec.reply(2, Payload.of(List.of(1, 2)))).isEqualTo("{\"rid\":2,\"data\":[1,2]}");
        assertThat(ScCodec.replyError(3, RemoteException.of("BadCustomError", "bad").with("code", 42)))
                .isEqualTo("{\"rid\":3,\"error\":{\"message\":\"bad\",\"name\":\"BadCustomError\",\"code\":42}}");
        assertThat(ScCodec.publish("chat", Payload.of("hi")))
                .isEqualTo("{\"event\":\"#publish\",\"data\":{\"channel\":\"chat\",\"data\":\"hi\"}}");
        assertThat(ScCodec.batch(List.of("{\"rid\":1}", "{\"rid\":2}"))).isEqualTo("[{\"rid\":1},{\"rid\":2}]");
    }

    @Test
    void escapesNamesAsJsonStrings() {
        String encoded = ScCodec.transmit("a\"b\\c\n\u0001\u2028", Payload.none());
        assertThat(encoded).isEqualTo("{\"event\":\"a\\\"b\\\\c\\n\\u0001\\u2028\"}");
        ScPacket.Event back = (ScPacket.Event) ScCodec.decode(encoded).get(0);
        assertThat(back.event()).isEqualTo("a\"b\\c\n\u0001\u2028");
    }

    @Test
    void binaryTravelsAsBase64Objects() {
        String encoded = ScCodec.transmit("bin", Payload.of(new byte[] {1, 2, 3}));
        assertThat(encoded).isEqualTo("{\"event\":\"bin\",\"data\":{\"base64\":true,\"data\":\"AQID\"}}");
        ScPacket.Event back = (ScPacket.Event) ScCodec.decode(encoded).get(0);
        assertThat(back.data().asBytes()).containsExactly(1, 2, 3);
    }
}
