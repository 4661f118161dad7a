package dev.switchboard.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyPairAuthEngineTest {
    private static KeyPair rsa;
    private static KeyPair rsa2;
    private static KeyPair p256;
    private static KeyPair p384;
    private static KeyPair p521;

    private final TestClock clock = new TestClock(Fixtures.NOW);

    @BeforeAll
    static void generateKeys() throws GeneralSecurityException {
        KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(2048);
        rsa = rsaGen.generateKeyPair();
        rsa2 = rsaGen.generateKeyPair();
        p256 = ec("secp256r1");
        p384 = ec("secp384r1");
        p521 = ec("secp521r1");
    }

    private static KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec(curve));
        return gen.generateKeyPair();
    }

    private AuthEngine engine(KeyPair keys, AuthAlgorithm algorithm) {
        return AuthEngine.create(AuthOptions.builder().keyPair(keys).algorithm(algorithm).clock(clock).build());
    }

    @ParameterizedTest
    @EnumSource(names = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
    void rsaRoundTrip(AuthAlgorithm algorithm) {
        AuthEngine engine = engine(rsa, algorithm);
        String token = engine.sign(Map.of("username", "bob"));

        assertThat(Fixtures.segment(token, 0)).isEqualTo("{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"}");
        assertThat(engine.verify(token)).containsEntry("username", "bob").containsEntry("exp", 1_700_086_400);
        // The default allowlist is the whole RSA family, so an RS256 engine accepts it too.
        assertThat(engine(rsa, AuthAlgorithm.RS256).verify(token)).containsEntry("username", "bob");
    }

    @Test
    void ecRoundTripPerCurve() {
        Map<KeyPair, AuthAlgorithm> curves = Map.of(p256, AuthAlgorithm.ES256, p384, AuthAlgorithm.ES384,
                p521, AuthAlgorithm.ES512);
        curves.forEach((keys, expected) -> {
            AuthEngine engine = AuthEngine.create(AuthOptions.builder().keyPair(keys).clock(clock).build());
            assertThat(engine.options().algorithm()).isEqualTo(expected);
            assertThat(engine.options().verifyAlgorithms()).containsExactly(expected);

            String token = engine.sign(Map.of("username", "bob"));

            assertThat(Fixtures.segment(token, 0)).contains("\"alg\":\"" + expected + "\"");
            assertThat(engine.verify(token)).containsEntry("username", "bob");
        });
    }

    @Test
    void rsaDefaultsToRs256() {
        AuthEngine engine = AuthEngine.create(AuthOptions.builder().keyPair(rsa).clock(clock).build());

        assertThat(engine.options().algorithm()).isEqualTo(AuthAlgorithm.RS256);
        assertThat(Fixtures.segment(engine.sign(Map.of()), 0)).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
    }

    @Test
    void expiryAndNotBeforeWorkWithKeyPairs() {
        AuthEngine engine = engine(p256, AuthAlgorithm.ES256);
        String token = engine.sign(Map.of("nbf", Fixtures.NOW + 5));

        assertThatThrownBy(() -> engine.verify(token)).hasMessage("jwt not active");
        clock.advance(Duration.ofDays(2));
        assertThatThrownBy(() -> engine.verify(token)).isInstanceOfSatisfying(AuthTokenException.class,
                e -> assertThat(e.name()).isEqualTo("AuthTokenExpiredError"));
    }

    @Test
    void otherKeyIsInvalidSignature() {
        String token = engine(rsa, AuthAlgorithm.RS256).sign(Map.of());

        assertThatThrownBy(() -> engine(rsa2, AuthAlgorithm.RS256).verify(token))
                .isInstanceOf(AuthTokenException.class).hasMessage("invalid signature");
    }

    @Test
    void hmacSignedWithThePublicKeyIsRejected() {
        // Classic alg confusion: HS256 keyed with the (public) RSA key material.
        AuthEngine rsaEngine = engine(rsa, AuthAlgorithm.RS256);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(rsa.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        for (byte[] secret : new byte[][] {pem.getBytes(StandardCharsets.US_ASCII), rsa.getPublic().getEncoded()}) {
            AuthEngine attacker = AuthEngine.create(AuthOptions.builder().secret(secret).clock(clock).build());
            String forged = attacker.sign(Map.of("username", "admin"));

            assertThatThrownBy(() -> rsaEngine.verify(forged))
                    .isInstanceOfSatisfying(AuthTokenException.class,
                            e -> assertThat(e.name()).isEqualTo("AuthTokenInvalidError"))
                    .hasMessage("invalid algorithm");
        }
    }

    @Test
    void rsaTokenIsRejectedByEcAndHmacEngines() {
        String token = engine(rsa, AuthAlgorithm.RS256).sign(Map.of());

        assertThatThrownBy(() -> engine(p256, AuthAlgorithm.ES256).verify(token)).hasMessage("invalid algorithm");
        AuthEngine hmac = AuthEngine.create(AuthOptions.builder().secret(Fixtures.KEY).clock(clock).build());
        assertThatThrownBy(() -> hmac.verify(token)).hasMessage("invalid algorithm");
    }

    @Test
    void ecSignatureOfWrongLengthIsInvalid() {
        AuthEngine engine = engine(p256, AuthAlgorithm.ES256);
        String token = engine.sign(Map.of());
        String truncated = token.substring(0, token.length() - 4);
        String zeros = token.substring(0, token.lastIndexOf('.') + 1) + "A".repeat(86);

        assertThatThrownBy(() -> engine.verify(truncated)).hasMessage("invalid signature");
        assertThatThrownBy(() -> engine.verify(zeros)).hasMessage("invalid signature"); // r = s = 0
    }

    @Test
    void mismatchedKeyPairIsRejectedAtCreation() {
        AuthOptions options = AuthOptions.builder().keyPair(rsa.getPrivate(), rsa2.getPublic()).build();

        assertThatThrownBy(() -> AuthEngine.create(options))
                .isInstanceOf(SwitchboardException.class)
                .hasMessageContaining("does not match");
    }
}
