package dev.switchboard.server.auth;

import java.util.Map;
import java.util.Objects;

/**
 * A freshly signed token and the claims it carries (including the added {@code iat}/{@code exp}),
 * which the server keeps as the socket's {@code authToken}. Immutable; {@link #toString()} omits the
 * token because it is a bearer credential.
 *
 * @param token compact JWS string
 * @param claims unmodifiable claims, equal to what {@link AuthEngine#verify(String)} returns
 */
public record SignedToken(String token, Map<String, Object> claims) {
    public SignedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(claims, "claims");
    }

    @Override
    public String toString() {
        return "SignedToken[claims=" + claims + "]";
    }
}
