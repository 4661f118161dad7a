package dev.switchboard.server.auth;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * JWS algorithms supported for auth tokens: those {@code jsonwebtoken@9} supports, minus {@code none}.
 * The constant names are the JWT {@code alg} header values.
 */
public enum AuthAlgorithm {
    HS256(Family.HMAC, 256), HS384(Family.HMAC, 384), HS512(Family.HMAC, 512),
    RS256(Family.RSA, 256), RS384(Family.RSA, 384), RS512(Family.RSA, 512),
    PS256(Family.RSA, 256), PS384(Family.RSA, 384), PS512(Family.RSA, 512),
    ES256(Family.EC, 256), ES384(Family.EC, 384), ES512(Family.EC, 512);

    /** Key type an algorithm needs. */
    enum Family { HMAC, RSA, EC }

    private final Family family;
    private final int bits;

    AuthAlgorithm(Family family, int bits) {
        this.family = family;
        this.bits = bits;
    }

    /** Looks up an algorithm by its JWT {@code alg} name (case-sensitive, as in the JWS spec). */
    public static Optional<AuthAlgorithm> of(String jwtName) {
        for (AuthAlgorithm a : values()) {
            if (a.name().equals(jwtName)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** {@code true} for the HMAC (shared secret) algorithms HS256/384/512. */
    public boolean isHmac() {
        return family == Family.HMAC;
    }

    Family family() {
        return family;
    }

    String jcaMacName() {
        return "HmacSHA" + bits;
    }

    /** Every algorithm of this algorithm's family, like jsonwebtoken's default for a key type. */
    Set<AuthAlgorithm> familyMembers() {
        EnumSet<AuthAlgorithm> set = EnumSet.noneOf(AuthAlgorithm.class);
        for (AuthAlgorithm a : values()) {
            if (a.family == family) {
                set.add(a);
            }
        }
        return set;
    }
}
