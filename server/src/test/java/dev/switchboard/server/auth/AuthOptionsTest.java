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
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthOptionsTest {

    @Test
    void defaultsMatchSocketCluster() {
        AuthOptions options = AuthOptions.builder().build();

        assertThat(options.algorithm()).isEqualTo(AuthAlgorithm.HS256);
        assertThat(options.verifyAlgorithms())
                .containsExactly(AuthAlgorithm.HS256, AuthAlgorithm.HS384, AuthAlgorithm.HS512);
        assertThat(options.defaultExpiry()).isEqualTo(Duration.ofSeconds(86400));
        assertThat(options.clock()).isEqualTo(InstantSource.system());
        assertThat(options.privateKey()).isEmpty();
        assertThat(options.publicKey()).isEmpty();
    }

    @Test
    void generatedSecretIs64HexCharactersAndUniquePerBuild() {
        AuthOptions a = AuthOptions.builder().build();
        AuthOptions b = AuthOptions.builder().build();

        assertThat(a.isSecretGenerated()).isTrue();
        String secret = new String(a.secret().orElseThrow(), StandardCharsets.US_ASCII);
        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(b.secret().orElseThrow()).isNotEqualTo(a.secret().orElseThrow());
    }

    @Test
    void explicitSecretIsUtf8AndDefensivelyCopied() {
        byte[] raw = {1, 2, 3};
        AuthOptions options = AuthOptions.builder().secret(raw).build();
        raw[0] = 9;
        options.secret().orElseThrow()[1] = 9;

        assertThat(options.secret()).hasValueSatisfying(s -> assertThat(s).containsExactly(1, 2, 3));
        assertThat(options.isSecretGenerated()).isFalse();
        assertThat(AuthOptions.builder().secret("k\u00e9").build().secret().orElseThrow())
                .containsExactly('k', 0xc3, 0xa9);
    }

    @Test
    void toStringDoesNotLeakTheSecret() {
        assertThat(AuthOptions.builder().secret("hunter2-secret").build().toString()).doesNotContain("hunter2");
    }

    @Test
    void verifyAlgorithmsAreConfigurableAndImmutable() {
        AuthOptions options = AuthOptions.builder().secret("k")
                .verifyAlgorithms(List.of(AuthAlgorithm.HS512)).algorithm(AuthAlgorithm.HS512).build();

        assertThat(options.verifyAlgorithms()).containsExactly(AuthAlgorithm.HS512);
        assertThatThrownBy(() -> options.verifyAlgorithms().add(AuthAlgorithm.HS256))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsInvalidSettings() {
        assertRejected(() -> AuthOptions.builder().secret(""));
        assertRejected(() -> AuthOptions.builder().defaultExpiry(Duration.ZERO));
        assertRejected(() -> AuthOptions.builder().defaultExpiry(Duration.ofSeconds(-1)));
        assertRejected(() -> AuthOptions.builder().verifyAlgorithms(List.of()));
        assertRejected(() -> AuthOptions.builder().algorithm(AuthAlgorithm.RS256).build());
        assertRejected(() -> AuthOptions.builder().secret("k").verifyAlgorithms(AuthAlgorithm.RS256).build());
        assertThatThrownBy(() -> AuthOptions.builder().clock(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rejectsKeyPairMisconfiguration() throws GeneralSecurityException {
        KeyPair rsa = generate("RSA", 2048);
        KeyPair weakRsa = generate("RSA", 1024);
        KeyPair ec = KeyPairGenerator.getInstance("EC").genKeyPair();

        assertRejected(() -> AuthOptions.builder().secret("k").keyPair(rsa).build());
        assertRejected(() -> AuthOptions.builder().keyPair(weakRsa).build());
        assertRejected(() -> AuthOptions.builder().keyPair(rsa.getPrivate(), ec.getPublic()).build());
        assertRejected(() -> AuthOptions.builder().keyPair(rsa).algorithm(AuthAlgorithm.HS256).build());
        assertRejected(() -> AuthOptions.builder().keyPair(rsa).verifyAlgorithms(AuthAlgorithm.RS256, AuthAlgorithm.HS256).build());
        assertRejected(() -> AuthOptions.builder().keyPair(rsa).algorithm(AuthAlgorithm.ES256).build());
        assertRejected(() -> AuthOptions.builder().keyPair(ec).algorithm(AuthAlgorithm.RS256).build());
        assertRejected(() -> AuthOptions.builder().keyPair(generateEc("secp384r1")).algorithm(AuthAlgorithm.ES256).build());
        assertRejected(() -> AuthOptions.builder().keyPair(generateEc("secp384r1")).verifyAlgorithms(AuthAlgorithm.ES256).build());
        assertRejected(() -> AuthOptions.builder().keyPair(generate("Ed25519", 0)).build()); // unsupported type
    }

    @Test
    void rsaAllowlistDefaultsToRsAndPsFamily() throws GeneralSecurityException {
        AuthOptions options = AuthOptions.builder().keyPair(generate("RSA", 2048)).algorithm(AuthAlgorithm.PS384).build();

        assertThat(options.algorithm()).isEqualTo(AuthAlgorithm.PS384);
        assertThat(options.verifyAlgorithms()).containsExactly(AuthAlgorithm.RS256, AuthAlgorithm.RS384,
                AuthAlgorithm.RS512, AuthAlgorithm.PS256, AuthAlgorithm.PS384, AuthAlgorithm.PS512);
        assertThat(options.secret()).isEmpty();
    }

    @Test
    void algorithmLookupByJwtName() {
        assertThat(AuthAlgorithm.of("ES384")).contains(AuthAlgorithm.ES384);
        assertThat(AuthAlgorithm.of("none")).isEmpty();
        assertThat(AuthAlgorithm.of("hs256")).isEmpty();
    }

    private static KeyPair generate(String algorithm, int bits) throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance(algorithm);
        if (bits > 0) {
            gen.initialize(bits);
        }
        return gen.generateKeyPair();
    }

    private static KeyPair generateEc(String curve) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec(curve));
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(SwitchboardException.class);
    }
}
