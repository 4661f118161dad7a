package dev.switchboard.server.auth;

import dev.switchboard.core.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Default {@link AuthEngine}, reproducing jsonwebtoken@9's sign and verify rules. Thread-safe. */
final class JoseAuthEngine implements AuthEngine {
    /** jws's shape check: base64url header and payload, optional signature. */
    private static final Pattern JWS_SHAPE =
            Pattern.compile("[a-zA-Z0-9\\-_]+?\\.[a-zA-Z0-9\\-_]+?\\.([a-zA-Z0-9\\-_]+)?");
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final AuthOptions options;
    private final JwsCrypto crypto;
    private final String encodedHeader;

    JoseAuthEngine(AuthOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.crypto = JwsCrypto.of(options);
        // Same bytes as jsonwebtoken's header, so HMAC tokens are byte-identical for equal claims.
        String header = "{\"alg\":\"" + options.algorithm().name() + "\",\"typ\":\"JWT\"}";
        this.encodedHeader = B64URL.encodeToString(header.getBytes(StandardCharsets.US_ASCII));
        if (options.privateKey().isPresent()) {
            checkKeyPairMatches();
        }
    }

    @Override
    public AuthOptions options() {
        return options;
    }

    @Override
    public SignedToken issue(Map<String, ?> claims, Optional<Duration> expiresIn) {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Map<String, Object> payload = new LinkedHashMap<>(claims);
        for (String name : new String[] {"iat", "exp", "nbf"}) {
            if (payload.containsKey(name) && !(payload.get(name) instanceof Number)) { // null too, as in jsonwebtoken
                throw new SwitchboardException("\"" + name + "\" should be a number of seconds");
            }
        }
        // jsonwebtoken: timestamp = payload.iat || now
        Number iat = (Number) payload.get("iat");
        if (iat == null || iat.doubleValue() == 0) {
            iat = options.clock().instant().getEpochSecond();
            payload.put("iat", iat);
        }
        if (!payload.containsKey("exp")) { // SocketCluster: data's exp wins over expiresIn
            payload.put("exp", expiry(iat, expiresIn.orElse(options.defaultExpiry())));
        }
        byte[] json = ClaimsJson.write(payload);
        String signingInput = encodedHeader + "." + B64URL.encodeToString(json);
        String signature = crypto.sign(options.algorithm(), signingInput.getBytes(StandardCharsets.US_ASCII));
        Map<String, Object> signed = ClaimsJson.readObject(json);
        if (signed == null) {
            throw new SwitchboardException("Auth token claims did not serialize to a JSON object");
        }
        return new SignedToken(signingInput + "." + signature, signed);
    }

    /** jsonwebtoken's timespan(): iat + seconds, floored when the span has a fraction of a second. */
    private static Number expiry(Number iat, Duration span) {
        boolean integral = iat instanceof Long || iat instanceof Integer || iat instanceof Short || iat instanceof Byte;
        if (integral && Math.abs(iat.longValue()) < Long.MAX_VALUE / 2 && Math.abs(span.getSeconds()) < Long.MAX_VALUE / 2) {
            return iat.longValue() + span.getSeconds(); // getSeconds() floors
        }
        return Math.floor(iat.doubleValue() + span.getSeconds() + span.getNano() / 1e9);
    }

    @Override
    public Map<String, Object> verify(String token) {
        Objects.requireNonNull(token, "token");
        try {
            return verifyChecked(token);
        } catch (AuthTokenException e) {
            throw e;
        } catch (RuntimeException e) { // defensive: never leak another type for hostile input
            throw AuthTokenException.error(String.valueOf(e.getMessage()), e);
        }
    }

    // Checks run in jsonwebtoken@9's order, with its messages.
    private Map<String, Object> verifyChecked(String token) {
        if (token.isEmpty()) {
            throw AuthTokenException.invalid("jwt must be provided");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw AuthTokenException.invalid("jwt malformed");
        }
        Map<String, Object> header = JWS_SHAPE.matcher(token).matches() ? ClaimsJson.readObject(decode(parts[0])) : null;
        Map<String, Object> payload = header == null ? null : ClaimsJson.readObject(decode(parts[1]));
        if (payload == null) {
            throw AuthTokenException.invalid("invalid token");
        }
        if (parts[2].isEmpty()) {
            throw AuthTokenException.invalid("jwt signature is required");
        }
        AuthAlgorithm alg = header.get("alg") instanceof String name ? AuthAlgorithm.of(name).orElse(null) : null;
        if (alg == null || !options.verifyAlgorithms().contains(alg)) {
            throw AuthTokenException.invalid("invalid algorithm");
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!crypto.verify(alg, signingInput, parts[2])) {
            throw AuthTokenException.invalid("invalid signature");
        }
        long now = options.clock().instant().getEpochSecond();
        if (payload.containsKey("nbf")) {
            double nbf = numericDate(payload, "nbf");
            if (nbf > now) {
                throw AuthTokenException.notBefore("jwt not active", JsDates.fromSeconds(nbf));
            }
        }
        if (payload.containsKey("exp")) {
            double exp = numericDate(payload, "exp");
            if (now >= exp) {
                throw AuthTokenException.expired("jwt expired", JsDates.fromSeconds(exp));
            }
        }
        return payload;
    }

    private static double numericDate(Map<String, Object> payload, String name) {
        if (payload.get(name) instanceof Number n) {
            return n.doubleValue();
        }
        throw AuthTokenException.invalid("invalid " + name + " value");
    }

    /** Base64url decode that, like Node's Buffer, ignores a dangling final character. */
    private static byte[] decode(String part) {
        String s = part.length() % 4 == 1 ? part.substring(0, part.length() - 1) : part;
        try {
            return Base64.getUrlDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return new byte[0]; // not JSON, so the caller reports "invalid token"
        }
    }

    @Override
    public boolean isExpired(Map<String, ?> claims, Instant now) {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(now, "now");
        if (!(claims.get("exp") instanceof Number exp)) {
            return false;
        }
        // Date.now() > exp * 1000, with the instant truncated to whole milliseconds like Date.now()
        double nowMillis = now.getEpochSecond() * 1000.0 + now.getNano() / 1_000_000;
        return nowMillis > exp.doubleValue() * 1000;
    }

    private void checkKeyPairMatches() {
        byte[] probe = "switchboard-key-pair-probe".getBytes(StandardCharsets.US_ASCII);
        AuthAlgorithm alg = options.algorithm();
        boolean matches;
        try {
            matches = crypto.verify(alg, probe, crypto.sign(alg, probe));
        } catch (AuthTokenException e) {
            matches = false;
        }
        if (!matches) {
            throw new SwitchboardException("The auth private key does not match the public key");
        }
    }
}
