package dev.switchboard.server.auth;

import dev.switchboard.core.SwitchboardException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON for token headers and claims; kept private to the package so Jackson stays an implementation detail. */
final class ClaimsJson {
    // Thread-safe once built. Trailing garbage is rejected like JSON.parse does.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ClaimsJson() {}

    static byte[] write(Map<String, Object> claims) {
        try {
            return MAPPER.writeValueAsBytes(claims);
        } catch (JacksonException e) {
            throw new SwitchboardException("Auth token claims are not JSON-serializable: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a JSON object into an unmodifiable tree; null if {@code json} is not a JSON object. */
    static Map<String, Object> readObject(byte[] json) {
        Object value;
        try {
            value = MAPPER.readValue(json, Object.class);
        } catch (JacksonException e) {
            return null;
        }
        return value instanceof Map<?, ?> map ? freezeMap(map) : null;
    }

    private static Map<String, Object> freezeMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>(map.size() * 2);
        map.forEach((k, v) -> copy.put((String) k, freeze(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object freeze(Object value) {
        if (value instanceof Map<?, ?> map) {
            return freezeMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(freeze(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
