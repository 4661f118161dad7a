package dev.switchboard.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.SwitchboardException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthTokenExceptionTest {

    @Test
    void kindsCarryWireNamesAndBadTokenFlags() {
        assertThat(AuthTokenException.invalid("jwt malformed").fields()).containsExactly(
                Map.entry("message", "jwt malformed"), Map.entry("name", "AuthTokenInvalidError"),
                Map.entry("isBadToken", true));
        assertThat(AuthTokenException.error("boom", null).fields()).containsExactly(
                Map.entry("message", "boom"), Map.entry("name", "AuthTokenError"), Map.entry("isBadToken", true));
        assertThat(AuthTokenException.notBefore("jwt not active", Optional.empty()).isBadToken()).isFalse();
        assertThat(AuthTokenException.invalid("x")).isInstanceOf(SwitchboardException.class);
    }

    @Test
    void timeFieldsUseJavaScriptIsoFormat() {
        assertThat(expiryField(Instant.ofEpochSecond(0))).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(expiryField(Instant.ofEpochMilli(1_500_086_400_123L))).isEqualTo("2017-07-15T02:40:00.123Z");
        assertThat(expiryField(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+010000-01-01T00:00:00.000Z");
        assertThat(expiryField(Instant.parse("-0001-06-01T00:00:00Z"))).isEqualTo("-000001-06-01T00:00:00.000Z");
    }

    @Test
    void timesOutsideTheJsDateRangeBecomeNull() {
        assertThat(JsDates.fromSeconds(8.64e12)).contains(Instant.ofEpochMilli(8_640_000_000_000_000L));
        assertThat(JsDates.fromSeconds(8.64e12 + 1)).isEmpty();
        assertThat(JsDates.fromSeconds(1.5)).contains(Instant.ofEpochMilli(1500));

        AuthTokenException e = AuthTokenException.expired("jwt expired", JsDates.fromSeconds(-1e13));
        assertThat(e.expiry()).isEmpty();
        assertThat(e.fields()).containsEntry("expiry", null);
    }

    @Test
    void accessorsOnlyExposeTheirOwnKindsTime() {
        Instant t = Instant.ofEpochSecond(42);

        assertThat(AuthTokenException.expired("m", Optional.of(t)).date()).isEmpty();
        assertThat(AuthTokenException.notBefore("m", Optional.of(t)).expiry()).isEmpty();
        assertThat(AuthTokenException.notBefore("m", Optional.of(t)).date()).contains(t);
        assertThat(AuthTokenException.invalid("m").extra()).isEmpty();
    }

    private static Object expiryField(Instant instant) {
        return AuthTokenException.expired("jwt expired", Optional.of(instant)).fields().get("expiry");
    }
}
