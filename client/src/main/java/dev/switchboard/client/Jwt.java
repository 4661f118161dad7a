package dev.switchboard.client;

import dev.switchboard.core.Payload;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Package-internal: reads a JWT's claims without verifying it, as the official client does. */
final class Jwt {
    private Jwt() {
    }

    /** The JSON object in the token's middle segment (base64url), or empty if it is not one. */
    static Optional<Map<String, Object>> claims(String signedToken) {
        String[] parts = signedToken.split("\\.", -1);
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            String segment = parts[1].replace('+', '-').replace('/', '_');
            while (segment.endsWith("=")) {
                segment = segment.substring(0, segment.length() - 1);
            }
            String json = new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
            if (Payload.json(json).value().orElse(null) instanceof Map<?, ?> m) {
                Map<String, Object> claims = new LinkedHashMap<>();
                m.forEach((k, v) -> claims.put(String.valueOf(k), v));
                return Optional.of(Collections.unmodifiableMap(claims));
            }
        } catch (RuntimeException malformed) {
            // Not base64url JSON: no claims.
        }
        return Optional.empty();
    }
}
