package dev.switchboard.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.core.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HmacAuthEngineTest {
    private final TestClock clock = new TestClock(Fixtures.NOW);
    private final AuthEngine engine = AuthEngine.create(
            AuthOptions.builder().secret(Fixtures.KEY).clock(clock).build());

    @Test
    void roundTripAddsIatAndDefaultExpiry() {
        SignedToken signed = engine.issue(Map.of("username", "bob"));

        Map<String, Object> claims = engine.verify(signed.token());

        assertThat(claims).containsEntry("username", "bob")
                .containsEntry("iat", 1_700_000_000)
                .containsEntry("exp", 1_700_086_400);
        assertThat(claims).isEqualTo(signed.claims());
        assertThat(engine.sign(Map.of("username", "bob"))).isEqualTo(signed.token());
    }

    @Test
    void customDefaultExpiry() {
        AuthEngine shortLived = AuthEngine.create(AuthOptions.builder().secret(Fixtures.KEY)
                .defaultExpiry(Duration.ofMinutes(5)).clock(clock).build());

        assertThat(shortLived.issue(Map.of()).claims()).containsEntry("exp", 1_700_000_300);
    }

    @Test
    void expiresInOverridesDefault() {
        SignedToken signed = engine.issue(Map.of("username", "bob"), Optional.of(Duration.ofSeconds(60)));

        assertThat(signed.claims()).containsEntry("exp", 1_700_000_060);
    }

    @Test
    void fractionalExpiresInIsFlooredLikeJsonwebtoken() {
        SignedToken signed = engine.issue(Map.of(), Optional.of(Duration.ofMillis(1999)));

        assertThat(signed.claims()).containsEntry("exp", 1_700_000_001);
    }

    @Test
    void claimsExpWinsOverDefaultAndExpiresIn() {
        Map<String, Object> data = Map.of("username", "bob", "exp", 1_800_000_000L);

        assertThat(engine.issue(data).claims()).containsEntry("exp", 1_800_000_000);
        assertThat(engine.issue(data, Optional.of(Duration.ofSeconds(5))).claims()).containsEntry("exp", 1_800_000_000);
    }

    @Test
    void claimsIatIsKeptAndExpCountsFromIt() {
        SignedToken signed = engine.issue(Map.of("iat", 1_600_000_000L));

        assertThat(signed.claims()).containsEntry("iat", 1_600_000_000).containsEntry("exp", 1_600_086_400);
    }

    @Test
    void nonNumericTimeClaimsAreRejectedWhenSigning() {
        for (String claim : List.of("iat", "exp", "nbf")) {
            Map<String, Object> nullValued = new LinkedHashMap<>();
            nullValued.put(claim, null);
            for (Map<String, Object> data : List.of(Map.<String, Object>of(claim, "soon"), nullValued)) {
                assertThatThrownBy(() -> engine.sign(data))
                        .isInstanceOf(SwitchboardException.class)
                        .hasMessage("\"" + claim + "\" should be a number of seconds");
            }
        }
    }

    @Test
    void zeroIatIsReplacedLikeJsonwebtoken() {
        assertThat(engine.issue(Map.of("iat", 0)).claims()).containsEntry("iat", 1_700_000_000);
    }

    @Test
    void inputClaimsAreNotModified() {
        Map<String, Object> data = new LinkedHashMap<>(Map.of("username", "bob"));

        engine.sign(data);

        assertThat(data).containsOnlyKeys("username");
    }

    @Test
    void claimKeyOrderAndNestedValuesSurvive() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("z", 1);
        data.put("a", List.of("x", Map.of("k", true)));
        data.put("m", null);

        Map<String, Object> claims = engine.verify(engine.sign(data));

        assertThat(claims.keySet()).containsExactly("z", "a", "m", "iat", "exp");
        assertThat(claims.get("a")).isEqualTo(List.of("x", Map.of("k", true)));
        assertThat(claims).containsEntry("m", null);
    }

    @Test
    void returnedClaimsAreUnmodifiable() {
        Map<String, Object> claims = engine.verify(engine.sign(Map.of("roles", List.of("a"))));

        assertThatThrownBy(() -> claims.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> roles = (List<Object>) claims.get("roles");
        assertThatThrownBy(() -> roles.add("b")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void expiredTokenReportsExpiry() {
        String token = engine.sign(Map.of("username", "bob"));
        clock.advance(Duration.ofSeconds(86_400)); // now == exp: jsonwebtoken already rejects

        AuthTokenException e = catchThrowableOfType(AuthTokenException.class, () -> engine.verify(token));

        assertThat(e.kind()).isEqualTo(AuthTokenException.Kind.EXPIRED);
        assertThat(e.name()).isEqualTo("AuthTokenExpiredError");
        assertThat(e).hasMessage("jwt expired");
        assertThat(e.isBadToken()).isTrue();
        assertThat(e.expiry()).contains(Instant.ofEpochSecond(1_700_086_400));
        assertThat(e.fields()).containsExactly(
                Map.entry("message", "jwt expired"),
                Map.entry("name", "AuthTokenExpiredError"),
                Map.entry("isBadToken", true),
                Map.entry("expiry", "2023-11-15T22:13:20.000Z"));
    }

    @Test
    void tokenIsValidUntilTheSecondOfExpiry() {
        String token = engine.sign(Map.of());
        clock.advance(Duration.ofSeconds(86_399).plusMillis(999));

        assertThat(engine.verify(token)).containsEntry("exp", 1_700_086_400);
    }

    @Test
    void futureNotBeforeIsNotActive() {
        String token = engine.sign(Map.of("nbf", Fixtures.NOW + 10));

        AuthTokenException e = catchThrowableOfType(AuthTokenException.class, () -> engine.verify(token));

        assertThat(e.name()).isEqualTo("AuthTokenNotBeforeError");
        assertThat(e).hasMessage("jwt not active");
        assertThat(e.isBadToken()).isFalse();
        assertThat(e.date()).contains(Instant.ofEpochSecond(Fixtures.NOW + 10));
        assertThat(e.fields()).containsEntry("date", "2023-11-14T22:13:30.000Z").doesNotContainKey("expiry");

        clock.advance(Duration.ofSeconds(10));
        assertThat(engine.verify(token)).containsEntry("nbf", 1_700_000_010);
    }

    @Test
    void wrongSecretIsInvalidSignature() {
        AuthEngine other = AuthEngine.create(AuthOptions.builder().secret("otherkey").clock(clock).build());

        AuthTokenException e = catchThrowableOfType(AuthTokenException.class,
                () -> other.verify(engine.sign(Map.of("username", "bob"))));

        assertThat(e.name()).isEqualTo("AuthTokenInvalidError");
        assertThat(e).hasMessage("invalid signature");
        assertThat(e.isBadToken()).isTrue();
        assertThat(e.fields()).containsOnlyKeys("message", "name", "isBadToken");
    }

    @Test
    void nonNumericExpOrNbfInTokenIsInvalid() {
        // Only reachable with a hand-made token; jsonwebtoken rejects it the same way.
        String header = Fixtures.b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        HmacCrypto mac = new HmacCrypto(Fixtures.KEY.getBytes(StandardCharsets.UTF_8));
        for (String claim : List.of("exp", "nbf")) {
            String input = header + "." + Fixtures.b64("{\"" + claim + "\":\"tomorrow\"}");
            String token = input + "." + mac.sign(AuthAlgorithm.HS256, input.getBytes(StandardCharsets.US_ASCII));

            assertThatThrownBy(() -> engine.verify(token))
                    .isInstanceOfSatisfying(AuthTokenException.class,
                            e -> assertThat(e.kind()).isEqualTo(AuthTokenException.Kind.INVALID))
                    .hasMessage("invalid " + claim + " value");
        }
    }

    @Test
    void isExpiredUsesSocketClusterRule() {
        Map<String, Object> claims = Map.of("exp", 1_700_000_100);
        Instant exp = Instant.ofEpochSecond(1_700_000_100);

        assertThat(engine.isExpired(claims, exp)).isFalse(); // strictly after, in ms
        assertThat(engine.isExpired(claims, exp.plusMillis(1))).isTrue();
        assertThat(engine.isExpired(Map.of("exp", 1_700_000_100.5), exp.plusMillis(500))).isFalse();
        assertThat(engine.isExpired(Map.of("exp", 1_700_000_100.5), exp.plusMillis(501))).isTrue();
        assertThat(engine.isExpired(Map.of(), Instant.MAX)).isFalse();
        assertThat(engine.isExpired(Map.of("exp", "1"), Instant.MAX)).isFalse();
        assertThat(engine.isExpired(Map.of("exp", 1), Instant.MAX)).isTrue();
        assertThat(engine.isExpired(Map.of("exp", 1), Instant.MIN)).isFalse();
    }

    @Test
    void isExpiredFollowsTheInjectedClock() {
        Map<String, Object> claims = engine.issue(Map.of("username", "bob")).claims();
        assertThat(engine.isExpired(claims)).isFalse();

        clock.advance(Duration.ofDays(1));
        assertThat(engine.isExpired(claims)).isFalse();

        clock.advance(Duration.ofMillis(1));
        assertThat(engine.isExpired(claims)).isTrue();
    }

    @Test
    void otherHmacAlgorithmsInTheFamilyVerifyByDefault() {
        AuthEngine hs384 = AuthEngine.create(AuthOptions.builder().secret(Fixtures.KEY)
                .algorithm(AuthAlgorithm.HS384).clock(clock).build());
        String token = hs384.sign(Map.of("username", "bob"));

        assertThat(Fixtures.segment(token, 0)).isEqualTo("{\"alg\":\"HS384\",\"typ\":\"JWT\"}");
        assertThat(engine.verify(token)).containsEntry("username", "bob");
    }

    @Test
    void algorithmOutsideAllowlistIsRejected() {
        AuthEngine strict = AuthEngine.create(AuthOptions.builder().secret(Fixtures.KEY)
                .verifyAlgorithms(AuthAlgorithm.HS256).clock(clock).build());
        AuthEngine hs512 = AuthEngine.create(AuthOptions.builder().secret(Fixtures.KEY)
                .algorithm(AuthAlgorithm.HS512).clock(clock).build());

        assertThatThrownBy(() -> strict.verify(hs512.sign(Map.of())))
                .isInstanceOfSatisfying(AuthTokenException.class,
                        e -> assertThat(e.name()).isEqualTo("AuthTokenInvalidError"))
                .hasMessage("invalid algorithm");
        assertThat(strict.verify(strict.sign(Map.of()))).containsKey("iat");
    }

    @Test
    void generatedSecretSignsAndVerifiesWithinOneEngine() {
        AuthOptions options = AuthOptions.builder().clock(clock).build();
        AuthEngine generated = AuthEngine.create(options);

        assertThat(generated.verify(generated.sign(Map.of("a", 1)))).containsEntry("a", 1);
        assertThatThrownBy(() -> engine.verify(generated.sign(Map.of())))
                .isInstanceOf(AuthTokenException.class).hasMessage("invalid signature");
    }

    @Test
    void signedTokenToStringHidesTheToken() {
        SignedToken signed = engine.issue(Map.of("username", "bob"));

        assertThat(signed.toString()).contains("bob").doesNotContain(signed.token());
    }
}
