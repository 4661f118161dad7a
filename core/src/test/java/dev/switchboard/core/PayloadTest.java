package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PayloadTest {
    record Chat(String from, String text) {}

    @Test
    void encodesJavaValuesOnceAndParsesJsonLazily() {
        Payload fromValue = Payload.of(Map.of("from", "ann", "text", "hi"));
        assertThat(fromValue.json()).isSameAs(fromValue.json());
        assertThat(fromValue.as(Chat.class)).isEqualTo(new Chat("ann", "hi"));

        Payload fromJson = Payload.json("{\"from\":\"bob\",\"text\":\"yo\"}");
        assertThat(fromJson.as(Chat.class)).isEqualTo(new Chat("bob", "yo"));
        assertThat(fromJson.asMap()).containsEntry("from", "bob");
        assertThat(fromJson.field("text")).map(Payload::asString).hasValue("yo");
        assertThat(fromJson.field("missing")).isEmpty();
        assertThat(Payload.json("{\"n\":null}").field("n")).hasValue(Payload.nullValue());
    }

    @Test
    void nestedPayloadsAreWrittenAsTheirJson() {
        Payload inner = Payload.json("{\"a\":[1,2]}");
        assertThat(Payload.of(Map.of("echo", inner)).json()).isEqualTo("{\"echo\":{\"a\":[1,2]}}");
        assertThat(Payload.of(List.of(Payload.nullValue(), Payload.of("x"))).json()).isEqualTo("[null,\"x\"]");
    }

    @Test
    void recordsBecomeJsonObjects() {
        assertThat(Payload.of(new Chat("a", "b")).json()).isEqualTo("{\"from\":\"a\",\"text\":\"b\"}");
    }

    @Test
    void noneIsNullOnTheWireAndEmptyInJava() {
        assertThat(Payload.none().json()).isEqualTo("null");
        assertThat(Payload.none().value()).isEmpty();
        assertThat(Payload.json("null").isNone()).isFalse();
        assertThat(Payload.json("null").isNull()).isTrue();
        assertThat(Payload.ofNullable(null).isNull()).isTrue();
        assertThat(Payload.nullValue().value()).isEmpty();
        assertThat(Payload.nullValue()).isNotEqualTo(Payload.none());
        assertThat(Payload.of(Optional.empty()).isNone()).isTrue();
        assertThatThrownBy(() -> Payload.none().asString()).isInstanceOf(SwitchboardException.class);
    }

    @Test
    void scalarsAndLists() {
        assertThat(Payload.json("42").asLong()).isEqualTo(42);
        assertThat(Payload.json("1.5").asDouble()).isEqualTo(1.5);
        assertThat(Payload.json("true").asBoolean()).isTrue();
        assertThat(Payload.json("[1,\"a\"]").asList()).containsExactly(1, "a");
        assertThat(Payload.of("x").json()).isEqualTo("\"x\"");
    }

    @Test
    void binaryUsesSocketClusterBase64Objects() {
        Payload bytes = Payload.of(new byte[] {104, 105});
        assertThat(bytes.json()).isEqualTo("{\"base64\":true,\"data\":\"aGk=\"}");
        assertThat(Payload.json(bytes.json()).asBytes()).containsExactly(104, 105);
        assertThatThrownBy(() -> Payload.of("text").asBytes()).isInstanceOf(SwitchboardException.class);
    }

    @Test
    void malformedJsonFailsOnAccessWithOurException() {
        Payload bad = Payload.json("{oops");
        assertThatThrownBy(bad::asMap).isInstanceOf(SwitchboardException.class).hasMessageContaining("malformed JSON");
    }

    @Test
    void equalityIsByJson() {
        assertThat(Payload.of(List.of(1, 2))).isEqualTo(Payload.json("[1,2]"));
        assertThat(Payload.of(List.of(1, 2)).hashCode()).isEqualTo(Payload.json("[1,2]").hashCode());
    }

    @Test
    void remoteExceptionsRoundTripTheirWireForm() {
        RemoteException error = RemoteException.of("BadCustomError", "bad").with("code", 42);
        assertThat(error.toMap()).containsExactly(Map.entry("message", "bad"), Map.entry("name", "BadCustomError"),
                Map.entry("code", 42));
        RemoteException back = RemoteException.fromPayload(Payload.json(Payload.of(error.toMap()).json()));
        assertThat(back.name()).isEqualTo("BadCustomError");
        assertThat(back.fields()).containsEntry("code", 42);
        assertThat(RemoteException.from(new IllegalStateException("boom")).toMap())
                .containsEntry("name", "IllegalStateException").containsEntry("message", "boom");
        assertThat(RemoteException.fromPayload(Payload.of("plain")).name()).isEqualTo("Error");
    }

    @Test
    void onlyPayloadsMadeFromTextAreJsonText() {
        Payload text = Payload.json("{\"a\": 1}");
        assertThat(text.isJsonText()).isTrue();
        assertThat(text.asMap()).containsEntry("a", 1); // reading it does not change where it came from
        assertThat(text.isJsonText()).isTrue();
        assertThat(text.json()).isEqualTo("{\"a\": 1}");
        Payload value = Payload.of(Map.of("a", 1));
        value.json(); // encoded and cached, but still a Java value
        assertThat(value.isJsonText()).isFalse();
        assertThat(Payload.ofNullable(List.of()).isJsonText()).isFalse();
        assertThat(Payload.none().isJsonText()).isFalse();
        assertThat(Payload.json("null").isJsonText()).isFalse();
    }
}
