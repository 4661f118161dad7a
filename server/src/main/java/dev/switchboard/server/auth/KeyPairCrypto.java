package dev.switchboard.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64URL;
import dev.switchboard.core.SwitchboardException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.EnumMap;
import java.util.Map;

/**
 * RSA (RS*, PS*) and ECDSA (ES*) via Nimbus, which handles PSS parameters, the JOSE (R||S) ECDSA
 * signature format and rejection of degenerate ECDSA signatures. Nimbus signers and verifiers are
 * thread-safe.
 */
final class KeyPairCrypto implements JwsCrypto {
    private static final Map<AuthAlgorithm, JWSHeader> HEADERS = new EnumMap<>(AuthAlgorithm.class);

    static {
        for (AuthAlgorithm a : AuthAlgorithm.values()) {
            HEADERS.put(a, new JWSHeader(JWSAlgorithm.parse(a.name())));
        }
    }

    private final JWSSigner signer;
    private final JWSVerifier verifier;

    KeyPairCrypto(PrivateKey privateKey, PublicKey publicKey) {
        try {
            if (publicKey instanceof RSAPublicKey rsa) {
                signer = new RSASSASigner(privateKey);
                verifier = new RSASSAVerifier(rsa);
            } else if (publicKey instanceof ECPublicKey ec) {
                signer = new ECDSASigner(privateKey, Curve.forECParameterSpec(ec.getParams()));
                verifier = new ECDSAVerifier(ec);
            } else {
                throw new SwitchboardException("Unsupported auth public key " + publicKey.getAlgorithm());
            }
        } catch (JOSEException e) {
            throw new SwitchboardException("Unusable auth key pair: " + e.getMessage(), e);
        }
    }

    @Override
    public String sign(AuthAlgorithm algorithm, byte[] signingInput) {
        try {
            return signer.sign(HEADERS.get(algorithm), signingInput).toString();
        } catch (JOSEException e) {
            throw new SwitchboardException("Failed to sign auth token: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean verify(AuthAlgorithm algorithm, byte[] signingInput, String signature) {
        try {
            return verifier.verify(HEADERS.get(algorithm), signingInput, new Base64URL(signature));
        } catch (JOSEException e) {
            throw AuthTokenException.error(e.getMessage() == null ? "Token verification failed" : e.getMessage(), e);
        }
    }
}
