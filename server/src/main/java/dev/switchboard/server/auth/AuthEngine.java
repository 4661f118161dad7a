package dev.switchboard.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Signs and verifies auth tokens: SocketCluster's {@code authEngine}.
 *
 * <p>Tokens are compact JWS strings interchangeable with Node's {@code jsonwebtoken@9}: header
 * {@code {"alg":...,"typ":"JWT"}}, the claims as the payload, {@code iat}/{@code exp} in integer
 * seconds. Claims are JSON-like trees of {@code Map<String, Object>}, {@code List}, {@code String},
 * {@code Number}, {@code Boolean} and {@code null}.
 *
 * <p>Implementations are immutable and thread-safe; one engine serves the whole server. They hold no
 * resources, so there is nothing to close.
 */
public interface AuthEngine {

    /** Creates the default engine (nimbus-jose-jwt based). Throws if a key pair does not match. */
    static AuthEngine create(AuthOptions options) {
        return new JoseAuthEngine(options);
    }

    AuthOptions options();

    /**
     * Signs {@code claims} like {@code socket.setAuthToken(data, {expiresIn})}: adds {@code iat} (now,
     * unless the claims carry a non-zero one) and, unless the claims already have an {@code exp} (which
     * then wins, even over {@code expiresIn}), {@code exp = iat + expiresIn}, falling back to
     * {@link AuthOptions#defaultExpiry()}. The input map is not modified.
     *
     * @return the token and the claims exactly as signed (unmodifiable)
     * @throws dev.switchboard.core.SwitchboardException if {@code iat}, {@code exp} or {@code nbf} is
     *     present but not a number (null included, as in jsonwebtoken), or the claims are not
     *     JSON-serializable
     */
    SignedToken issue(Map<String, ?> claims, Optional<Duration> expiresIn);

    default SignedToken issue(Map<String, ?> claims) {
        return issue(claims, Optional.empty());
    }

    /** {@link #issue(Map, Optional)} returning just the token. */
    default String sign(Map<String, ?> claims, Optional<Duration> expiresIn) {
        return issue(claims, expiresIn).token();
    }

    default String sign(Map<String, ?> claims) {
        return issue(claims, Optional.empty()).token();
    }

    /**
     * Verifies a token like {@code jwt.verify} with the configured allowlist: checks structure,
     * {@code alg}, signature, then {@code nbf} and {@code exp} against the clock (no tolerance).
     *
     * @return the token's claims (unmodifiable, JSON key order preserved)
     * @throws AuthTokenException for every rejected token; no other exception type escapes for any
     *     non-null input
     */
    Map<String, Object> verify(String token) throws AuthTokenException;

    /**
     * SocketCluster's per-event expiry check ({@code isAuthTokenExpired}): {@code true} if the claims
     * have a numeric {@code exp} and {@code now} is strictly after it (millisecond precision). No
     * signature work, cheap enough to call on every inbound event. Missing or non-numeric {@code exp}
     * never expires, as in SocketCluster.
     */
    boolean isExpired(Map<String, ?> claims, Instant now);

    /** {@link #isExpired(Map, Instant)} at the configured clock's current instant. */
    default boolean isExpired(Map<String, ?> claims) {
        return isExpired(claims, options().clock().instant());
    }
}
