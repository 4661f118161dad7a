package dev.switchboard.server.auth;

import dev.switchboard.core.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECKey;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Auth token configuration, mirroring SocketCluster's {@code authKey}, {@code authPrivateKey} /
 * {@code authPublicKey}, {@code authAlgorithm}, {@code authVerifyAlgorithms} and
 * {@code authDefaultExpiry} server options.
 *
 * <p>Either an HMAC secret or an RSA/EC key pair signs tokens. With neither, {@link Builder#build()}
 * generates a random secret (32 random bytes as 64 hex characters, like the Node server), so tokens
 * stop verifying when the process restarts; set a secret or keys to keep sessions across restarts
 * and between cluster nodes.
 *
 * <p>Immutable and thread-safe; validated when built. Invalid settings throw
 * {@link SwitchboardException}.
 */
public final class AuthOptions {
    /** SocketCluster's {@code authDefaultExpiry}: one day. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(86400);

    private final byte[] secret; // null with a key pair
    private final boolean secretGenerated;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final AuthAlgorithm algorithm;
    private final Set<AuthAlgorithm> verifyAlgorithms;
    private final Duration defaultExpiry;
    private final InstantSource clock;

    private AuthOptions(Builder b, byte[] secret, AuthAlgorithm algorithm, Set<AuthAlgorithm> verifyAlgorithms) {
        this.secret = secret;
        this.secretGenerated = b.secret == null && b.privateKey == null;
        this.privateKey = b.privateKey;
        this.publicKey = b.publicKey;
        this.algorithm = algorithm;
        this.verifyAlgorithms = Collections.unmodifiableSet(EnumSet.copyOf(verifyAlgorithms));
        this.defaultExpiry = b.defaultExpiry;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Algorithm used to sign tokens. */
    public AuthAlgorithm algorithm() {
        return algorithm;
    }

    /** Algorithms a token's {@code alg} header may name; anything else is rejected. */
    public Set<AuthAlgorithm> verifyAlgorithms() {
        return verifyAlgorithms;
    }

    /** Lifetime of tokens whose claims carry no {@code exp}. */
    public Duration defaultExpiry() {
        return defaultExpiry;
    }

    /** Time source for {@code iat}, {@code exp} and {@code nbf} checks. */
    public InstantSource clock() {
        return clock;
    }

    /** A copy of the HMAC secret; empty when a key pair is configured. */
    public Optional<byte[]> secret() {
        return secret == null ? Optional.empty() : Optional.of(secret.clone());
    }

    /** {@code true} when the secret was generated at build time (tokens die with the process). */
    public boolean isSecretGenerated() {
        return secretGenerated;
    }

    public Optional<PrivateKey> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    public Optional<PublicKey> publicKey() {
        return Optional.ofNullable(publicKey);
    }

    @Override
    public String toString() {
        return "AuthOptions[algorithm=" + algorithm + ", verifyAlgorithms=" + verifyAlgorithms
                + ", key=" + (secret == null ? "key pair" : secretGenerated ? "generated secret" : "secret")
                + ", defaultExpiry=" + defaultExpiry + "]";
    }

    /** Mutable builder; not thread-safe. Each {@code build()} without a secret or keys generates a new secret. */
    public static final class Builder {
        private byte[] secret;
        private PrivateKey privateKey;
        private PublicKey publicKey;
        private AuthAlgorithm algorithm;
        private Set<AuthAlgorithm> verifyAlgorithms;
        private Duration defaultExpiry = DEFAULT_EXPIRY;
        private InstantSource clock = InstantSource.system();

        private Builder() {}

        /** HMAC secret as text ({@code authKey}); used as its UTF-8 bytes, like jsonwebtoken. */
        public Builder secret(String secret) {
            return secret(Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8));
        }

        /** HMAC secret bytes. Any non-empty length is accepted for Node compatibility. */
        public Builder secret(byte[] secret) {
            Objects.requireNonNull(secret, "secret");
            if (secret.length == 0) {
                throw new SwitchboardException("The auth secret must not be empty");
            }
            this.secret = secret.clone();
            return this;
        }

        /** RSA or EC key pair ({@code authPrivateKey} / {@code authPublicKey}); see {@link PemKeys}. */
        public Builder keyPair(PrivateKey privateKey, PublicKey publicKey) {
            this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
            this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
            return this;
        }

        public Builder keyPair(KeyPair keyPair) {
            return keyPair(keyPair.getPrivate(), keyPair.getPublic());
        }

        /**
         * Signing algorithm ({@code authAlgorithm}). Defaults to HS256 for a secret, RS256 for RSA keys
         * and the curve's ES algorithm for EC keys.
         */
        public Builder algorithm(AuthAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /**
         * Allowed {@code alg} values when verifying ({@code authVerifyAlgorithms}). Defaults to the
         * signing algorithm's family: HS256/384/512 for a secret, RS* and PS* for RSA keys, and the
         * key's curve algorithm for EC keys. Every entry must suit the configured key.
         */
        public Builder verifyAlgorithms(Collection<AuthAlgorithm> algorithms) {
            Objects.requireNonNull(algorithms, "algorithms");
            algorithms.forEach(a -> Objects.requireNonNull(a, "algorithms element"));
            if (algorithms.isEmpty()) {
                throw new SwitchboardException("verifyAlgorithms must not be empty");
            }
            this.verifyAlgorithms = EnumSet.copyOf(algorithms);
            return this;
        }

        public Builder verifyAlgorithms(AuthAlgorithm first, AuthAlgorithm... more) {
            EnumSet<AuthAlgorithm> set = EnumSet.of(Objects.requireNonNull(first, "first"));
            set.addAll(List.of(more));
            return verifyAlgorithms(set);
        }

        /** Token lifetime when claims have no {@code exp} ({@code authDefaultExpiry}); must be positive. */
        public Builder defaultExpiry(Duration defaultExpiry) {
            Objects.requireNonNull(defaultExpiry, "defaultExpiry");
            if (defaultExpiry.isNegative() || defaultExpiry.isZero()) {
                throw new SwitchboardException("defaultExpiry must be positive: " + defaultExpiry);
            }
            this.defaultExpiry = defaultExpiry;
            return this;
        }

        /** Time source; inject a fixed or mutable clock in tests. */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public AuthOptions build() {
            if (privateKey != null && secret != null) {
                throw new SwitchboardException("Configure either an auth secret or a key pair, not both");
            }
            byte[] key = null;
            Set<AuthAlgorithm> usable; // also the default verify allowlist
            String keyDescription;
            if (privateKey == null) {
                key = secret != null ? secret : generateSecret();
                usable = AuthAlgorithm.HS256.familyMembers();
                keyDescription = "an HMAC secret";
            } else {
                usable = keyPairAlgorithms();
                keyDescription = "the configured key pair";
            }
            AuthAlgorithm alg = algorithm != null ? algorithm : usable.iterator().next();
            Set<AuthAlgorithm> verify = verifyAlgorithms != null ? verifyAlgorithms : usable;
            EnumSet<AuthAlgorithm> all = EnumSet.copyOf(verify);
            all.add(alg);
            all.removeAll(usable);
            if (!all.isEmpty()) {
                throw new SwitchboardException("Algorithms " + all + " cannot be used with " + keyDescription
                        + "; allowed: " + usable);
            }
            return new AuthOptions(this, key, alg, verify);
        }

        /** Algorithms the key pair supports, signing default first (EnumSet order puts RS256 first). */
        private Set<AuthAlgorithm> keyPairAlgorithms() {
            AuthAlgorithm.Family family = KeyChecks.family(privateKey);
            if (KeyChecks.family(publicKey) != family) {
                throw new SwitchboardException("The auth private and public keys are of different types");
            }
            if (family == AuthAlgorithm.Family.RSA) {
                KeyChecks.checkRsaSize(privateKey);
                KeyChecks.checkRsaSize(publicKey);
                return AuthAlgorithm.RS256.familyMembers();
            }
            if (!(publicKey instanceof ECKey ec)) {
                throw new SwitchboardException("Unsupported EC public key implementation");
            }
            return EnumSet.of(KeyChecks.ecAlgorithm(ec).orElseThrow(
                    () -> new SwitchboardException("Unsupported EC curve (use P-256, P-384 or P-521)")));
        }

        private static byte[] generateSecret() {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII);
        }
    }
}
