package dev.switchboard.server;

import dev.switchboard.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of an {@link HttpApiRoute}: status, content type, body and extra headers. The server adds
 * {@code Content-Length} and the connection headers.
 *
 * @param status      HTTP status code, 100..599
 * @param contentType the {@code Content-Type} header
 * @param body        the body bytes (not copied: do not change them afterwards)
 * @param headers     extra response headers
 */
public record HttpApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    public HttpApiResponse {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100..599: " + status);
        }
    }

    /** A UTF-8 text answer. */
    public static HttpApiResponse text(int status, String contentType, String body) {
        return new HttpApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A JSON answer: {@code value} encoded with Switchboard's JSON mapper. */
    public static HttpApiResponse json(int status, Object value) {
        return text(status, "application/json; charset=utf-8", Json.encode(value));
    }
}
