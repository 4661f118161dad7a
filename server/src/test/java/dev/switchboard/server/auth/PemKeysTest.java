package dev.switchboard.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.SwitchboardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemKeysTest {

    @Test
    void readsRsaPkcs8AndPkcs1AsTheSameKey() {
        PrivateKey pkcs8 = PemKeys.privateKey(Fixtures.pem("rsa-private-pkcs8.pem"));
        PrivateKey pkcs1 = PemKeys.privateKey(Fixtures.pem("rsa-private-pkcs1.pem"));

        assertThat(pkcs8).isInstanceOf(RSAPrivateKey.class);
        assertThat(((RSAPrivateKey) pkcs1).getPrivateExponent()).isEqualTo(((RSAPrivateKey) pkcs8).getPrivateExponent());
    }

    @Test
    void readsRsaSpkiAndPkcs1PublicKeysAsTheSameKey() {
        PublicKey spki = PemKeys.publicKey(Fixtures.pem("rsa-public-spki.pem"));
        PublicKey pkcs1 = PemKeys.publicKey(Fixtures.pem("rsa-public-pkcs1.pem"));

        assertThat(pkcs1.getEncoded()).isEqualTo(spki.getEncoded());
    }

    @Test
    void readsEcPkcs8AndSec1AsTheSameKey() {
        PrivateKey pkcs8 = PemKeys.privateKey(Fixtures.pem("ec-private-pkcs8.pem"));
        PrivateKey sec1 = PemKeys.privateKey(Fixtures.pem("ec-private-sec1.pem"));

        assertThat(((ECPrivateKey) sec1).getS()).isEqualTo(((ECPrivateKey) pkcs8).getS());
    }

    @Test
    void skipsOtherBlocksSuchAsOpensslEcParameters() {
        String openssl = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + Fixtures.pem("ec-private-sec1.pem");

        assertThat(PemKeys.privateKey(openssl)).isInstanceOf(ECPrivateKey.class);
    }

    @Test
    void keysFromFilesSignAndVerify(@TempDir Path dir) throws IOException {
        Path priv = Files.writeString(dir.resolve("key.pem"), Fixtures.pem("rsa-private-pkcs1.pem"));
        Path pub = Files.writeString(dir.resolve("key.pub"), Fixtures.pem("rsa-public-spki.pem"));
        AuthEngine engine = AuthEngine.create(AuthOptions.builder()
                .keyPair(PemKeys.readPrivateKey(priv), PemKeys.readPublicKey(pub)).build());

        assertThat(engine.verify(engine.sign(Map.of("u", 1)))).containsEntry("u", 1);
    }

    @Test
    void rejectsUnusableInput(@TempDir Path dir) {
        assertRejected(() -> PemKeys.privateKey("not a pem"));
        assertRejected(() -> PemKeys.privateKey(Fixtures.pem("rsa-public-spki.pem")));
        assertRejected(() -> PemKeys.publicKey(Fixtures.pem("rsa-private-pkcs8.pem")));
        assertRejected(() -> PemKeys.privateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"));
        assertRejected(() -> PemKeys.privateKey("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END RSA PRIVATE KEY-----"));
        assertRejected(() -> PemKeys.privateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));
        assertRejected(() -> PemKeys.privateKey("-----BEGIN EC PRIVATE KEY-----\nMAA=\n-----END EC PRIVATE KEY-----"));
        assertRejected(() -> PemKeys.publicKey("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"));
        assertRejected(() -> PemKeys.readPublicKey(dir.resolve("missing.pem")));
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(SwitchboardException.class);
    }
}
