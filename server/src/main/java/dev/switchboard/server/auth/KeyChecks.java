package dev.switchboard.server.auth;

import com.nimbusds.jose.jwk.Curve;
import dev.switchboard.core.SwitchboardException;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.Optional;

/** Key-type rules shared by option validation and the engine. */
final class KeyChecks {
    /** jsonwebtoken@9 and Nimbus both refuse smaller RSA keys. */
    static final int MIN_RSA_BITS = 2048;

    private KeyChecks() {}

    static AuthAlgorithm.Family family(Key key) {
        if (key instanceof RSAKey || "RSA".equals(key.getAlgorithm())) {
            return AuthAlgorithm.Family.RSA;
        }
        if (key instanceof ECKey || "EC".equals(key.getAlgorithm())) {
            return AuthAlgorithm.Family.EC;
        }
        throw new SwitchboardException("Unsupported auth key type " + key.getAlgorithm() + " (use RSA or EC)");
    }

    /** The one ES algorithm matching the key's curve; JWS ties each ES algorithm to a curve. */
    static Optional<AuthAlgorithm> ecAlgorithm(ECKey key) {
        Curve curve = Curve.forECParameterSpec(key.getParams());
        if (Curve.P_256.equals(curve)) {
            return Optional.of(AuthAlgorithm.ES256);
        } else if (Curve.P_384.equals(curve)) {
            return Optional.of(AuthAlgorithm.ES384);
        } else if (Curve.P_521.equals(curve)) {
            return Optional.of(AuthAlgorithm.ES512);
        }
        return Optional.empty();
    }

    static void checkRsaSize(Key key) {
        if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new SwitchboardException("RSA auth keys must be at least " + MIN_RSA_BITS + " bits");
        }
    }
}
