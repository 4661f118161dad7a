package dev.switchboard.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens from Node's jsonwebtoken@9 (see {@link Fixtures}) against this engine, and the reverse shape. */
class NodeCompatibilityTest {
    private final TestClock clock = new TestClock(Fixtures.NOW);
    private final AuthEngine engine = AuthEngine.create(
            AuthOptions.builder().secret(Fixtures.KEY).clock(clock).build());

    @Test
    void verifiesNodeHs256Token() {
        assertThat(engine.verify(Fixtures.HS_FAR_FUTURE)).containsExactly(
                Map.entry("username", "bob"), Map.entry("iat", 1_700_000_000), Map.entry("exp", 4_102_444_800L));
    }

    @Test
    void verifiesNodeHs512TokenWithTheDefaultAllowlist() {
        assertThat(engine.verify(Fixtures.HS512)).containsEntry("username", "bob");
    }

    @Test
    void nodeExpiredTokenMapsToAuthTokenExpiredError() {
        AuthTokenException e = catchThrowableOfType(AuthTokenException.class, () -> engine.verify(Fixtures.HS_EXPIRED));

        // jsonwebtoken: TokenExpiredError "jwt expired", expiredAt 2017-07-15T02:40:00.000Z
        assertThat(e.fields()).containsExactly(
                Map.entry("message", "jwt expired"),
                Map.entry("name", "AuthTokenExpiredError"),
                Map.entry("isBadToken", true),
                Map.entry("expiry", "2017-07-15T02:40:00.000Z"));
    }

    @Test
    void nodeNotBeforeTokenMapsToAuthTokenNotBeforeError() {
        AuthTokenException e = catchThrowableOfType(AuthTokenException.class, () -> engine.verify(Fixtures.HS_NOT_BEFORE));

        // jsonwebtoken: NotBeforeError "jwt not active", date 2100-01-01T00:00:00.000Z
        assertThat(e.fields()).containsExactly(
                Map.entry("message", "jwt not active"),
                Map.entry("name", "AuthTokenNotBeforeError"),
                Map.entry("isBadToken", false),
                Map.entry("date", "2100-01-01T00:00:00.000Z"));
    }

    @Test
    void nodeTokenWithOtherSecretIsInvalidSignature() {
        AuthEngine other = AuthEngine.create(AuthOptions.builder().secret("otherkey").clock(clock).build());

        AuthTokenException e = catchThrowableOfType(AuthTokenException.class, () -> other.verify(Fixtures.HS_FAR_FUTURE));

        assertThat(e.fields()).containsExactly(Map.entry("message", "invalid signature"),
                Map.entry("name", "AuthTokenInvalidError"), Map.entry("isBadToken", true));
    }

    @Test
    void signsByteIdenticalTokensToNode() {
        // Node: jwt.sign({username:'bob', iat:1700000000}, 'testkey', {expiresIn: 86400})
        assertThat(engine.sign(Map.of("username", "bob"))).isEqualTo(Fixtures.HS_DEFAULT_EXPIRY);
        // Re-signing Node's claims (nested values, explicit exp) reproduces Node's token.
        assertThat(engine.sign(engine.verify(Fixtures.HS_NESTED))).isEqualTo(Fixtures.HS_NESTED);
    }

    @Test
    void nestedNodeClaimsKeepJsonTypes() {
        Map<String, Object> claims = engine.verify(Fixtures.HS_NESTED);

        assertThat(claims.get("roles")).isEqualTo(List.of("a", "b"));
        Map<String, Object> meta = new java.util.LinkedHashMap<>();
        meta.put("n", 1.5);
        meta.put("ok", true);
        meta.put("none", null);
        assertThat(claims.get("meta")).isEqualTo(meta);
    }

    @Test
    void ourTokenHasJsonwebtokenShape() {
        String token = engine.sign(Map.of("username", "bob"));
        String[] parts = token.split("\\.", -1);

        assertThat(parts).hasSize(3);
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(Fixtures.segment(token, 0)).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = Fixtures.segment(token, 1);
        assertThat(payload).isEqualTo("{\"username\":\"bob\",\"iat\":1700000000,\"exp\":1700086400}");
        assertThat(Fixtures.json(payload).get("iat")).isInstanceOf(Integer.class);
    }

    @Test
    void verifiesNodeRsaAndEcTokensFromPemKeys() {
        AuthEngine rs = AuthEngine.create(AuthOptions.builder()
                .keyPair(PemKeys.privateKey(Fixtures.pem("rsa-private-pkcs8.pem")),
                        PemKeys.publicKey(Fixtures.pem("rsa-public-spki.pem")))
                .clock(clock).build());
        AuthEngine es = AuthEngine.create(AuthOptions.builder()
                .keyPair(PemKeys.privateKey(Fixtures.pem("ec-private-sec1.pem")),
                        PemKeys.publicKey(Fixtures.pem("ec-public-spki.pem")))
                .clock(clock).build());

        assertThat(rs.verify(Fixtures.RS256)).containsEntry("username", "bob");
        assertThat(rs.verify(Fixtures.PS256)).containsEntry("username", "bob");
        assertThat(es.verify(Fixtures.ES256)).containsEntry("username", "bob");
        // RSA PKCS#1 v1.5 is deterministic, so the same key and claims give Node's exact token.
        assertThat(rs.sign(rs.verify(Fixtures.RS256))).isEqualTo(Fixtures.RS256);
    }
}
