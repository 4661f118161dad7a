package dev.switchboard.server.auth;

import dev.switchboard.core.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC on plain JCA rather than Nimbus's MACSigner: Nimbus refuses secrets under 256 bits, while
 * jsonwebtoken (and so SocketCluster's {@code authKey}) accepts any length.
 */
final class HmacCrypto implements JwsCrypto {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    /** Initialized prototypes; each call works on a clone, since Mac instances are not thread-safe. */
    private final Map<AuthAlgorithm, Mac> prototypes = new EnumMap<>(AuthAlgorithm.class);
    private final byte[] secret;

    HmacCrypto(byte[] secret) {
        this.secret = secret.clone();
        for (AuthAlgorithm a : AuthAlgorithm.HS256.familyMembers()) {
            prototypes.put(a, newMac(a));
        }
    }

    @Override
    public String sign(AuthAlgorithm algorithm, byte[] signingInput) {
        return B64URL.encodeToString(mac(algorithm).doFinal(signingInput));
    }

    @Override
    public boolean verify(AuthAlgorithm algorithm, byte[] signingInput, String signature) {
        // Compare encoded strings, as jwa does, in constant time.
        byte[] expected = sign(algorithm, signingInput).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac mac(AuthAlgorithm algorithm) {
        try {
            return (Mac) prototypes.get(algorithm).clone();
        } catch (CloneNotSupportedException e) {
            return newMac(algorithm);
        }
    }

    private Mac newMac(AuthAlgorithm algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm.jcaMacName());
            mac.init(new SecretKeySpec(secret, algorithm.jcaMacName()));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new SwitchboardException("HMAC " + algorithm + " unavailable: " + e.getMessage(), e);
        }
    }
}
