package dev.switchboard.server.auth;

import dev.switchboard.core.SwitchboardException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A rejected auth token, carrying the SocketCluster error it maps to on the wire.
 *
 * <p>{@link #name()} is the wire error name ({@code AuthTokenExpiredError}, ...), {@link #getMessage()}
 * the jsonwebtoken message ({@code "jwt expired"}, {@code "invalid signature"}, ...), and
 * {@link #isBadToken()} tells the server whether to deauthenticate the socket and emit
 * {@code badAuthToken}. {@link #fields()} is the whole error as {@code sc-errors} dehydrates it.
 *
 * <p>Immutable and thread-safe.
 */
public final class AuthTokenException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    /** The four SocketCluster auth token errors. */
    public enum Kind {
        /** Token {@code exp} has passed. Extra field {@code expiry}. */
        EXPIRED("AuthTokenExpiredError", true),
        /** Malformed, wrongly signed or disallowed token. */
        INVALID("AuthTokenInvalidError", true),
        /** Token {@code nbf} is in the future; the token itself is fine. Extra field {@code date}. */
        NOT_BEFORE("AuthTokenNotBeforeError", false),
        /**
         * Any other failure. socketcluster-server (v17 to v20) marks these {@code isBadToken: true} too,
         * so this matches it.
         */
        ERROR("AuthTokenError", true);

        private final String wireName;
        private final boolean badToken;

        Kind(String wireName, boolean badToken) {
            this.wireName = wireName;
            this.badToken = badToken;
        }

        /** The error {@code name} on the wire. */
        public String wireName() {
            return wireName;
        }

        /** Whether SocketCluster treats the token as bad (deauthenticate, {@code badAuthToken}). */
        public boolean isBadToken() {
            return badToken;
        }
    }

    private final Kind kind;
    private final Instant instant; // expiry or date; null when absent or outside the JS Date range

    private AuthTokenException(Kind kind, String message, Instant instant, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.instant = instant;
    }

    /** {@code AuthTokenExpiredError}; {@code expiry} may be empty when not representable as a JS Date. */
    public static AuthTokenException expired(String message, Optional<Instant> expiry) {
        return new AuthTokenException(Kind.EXPIRED, Objects.requireNonNull(message), expiry.orElse(null), null);
    }

    /** {@code AuthTokenInvalidError}. */
    public static AuthTokenException invalid(String message) {
        return new AuthTokenException(Kind.INVALID, Objects.requireNonNull(message), null, null);
    }

    /** {@code AuthTokenNotBeforeError}; {@code date} may be empty when not representable as a JS Date. */
    public static AuthTokenException notBefore(String message, Optional<Instant> date) {
        return new AuthTokenException(Kind.NOT_BEFORE, Objects.requireNonNull(message), date.orElse(null), null);
    }

    /** {@code AuthTokenError}, for failures that are not about the token's content. */
    public static AuthTokenException error(String message, Throwable cause) {
        return new AuthTokenException(Kind.ERROR, Objects.requireNonNull(message), null, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** Wire error name, e.g. {@code AuthTokenExpiredError}. */
    public String name() {
        return kind.wireName();
    }

    public boolean isBadToken() {
        return kind.isBadToken();
    }

    /** When the token expired; present only for {@link Kind#EXPIRED}. */
    public Optional<Instant> expiry() {
        return kind == Kind.EXPIRED ? Optional.ofNullable(instant) : Optional.empty();
    }

    /** When the token becomes active; present only for {@link Kind#NOT_BEFORE}. */
    public Optional<Instant> date() {
        return kind == Kind.NOT_BEFORE ? Optional.ofNullable(instant) : Optional.empty();
    }

    /**
     * Kind-specific wire fields: {@code expiry} or {@code date} as a JS ISO string, or JSON null
     * (a Java {@code null} value) when the time is outside the JS Date range, like
     * {@code JSON.stringify(new Date(NaN))}.
     */
    public Map<String, Object> extra() {
        Map<String, Object> extra = new LinkedHashMap<>();
        String iso = instant == null ? null : JsDates.toIsoString(instant);
        if (kind == Kind.EXPIRED) {
            extra.put("expiry", iso);
        } else if (kind == Kind.NOT_BEFORE) {
            extra.put("date", iso);
        }
        return Collections.unmodifiableMap(extra);
    }

    /**
     * The dehydrated error as it goes on the wire, e.g.
     * {@code {"message":"jwt expired","name":"AuthTokenExpiredError","isBadToken":true,"expiry":"2026-01-01T00:00:00.000Z"}}.
     * Values are String, Boolean or null; the map is unmodifiable.
     */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("message", getMessage());
        fields.put("name", name());
        fields.put("isBadToken", isBadToken());
        fields.putAll(extra());
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public String toString() {
        return name() + ": " + getMessage();
    }
}
