package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON helpers for asserting wire frames. Expected frames are written with {@code '} for {@code "} to
 * keep them readable; both sides are parsed and compared as trees (key order does not matter, every
 * key and value does).
 */
final class Wire {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Wire() {}

    static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }

    /** JSON text with {@code '} standing for {@code "}. */
    static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static JsonNode json(String singleQuoted) {
        return parse(q(singleQuoted));
    }

    /** Asserts that {@code frame} is exactly the JSON value {@code expected} (single-quoted). */
    static void assertWire(String frame, String expected) {
        assertThat(parse(frame)).as("frame %s", frame).isEqualTo(json(expected));
    }

    static boolean isReplyTo(JsonNode node, long cid) {
        JsonNode rid = node.get("rid");
        return rid != null && rid.isNumber() && rid.asLong() == cid;
    }

    static boolean isEvent(JsonNode node, String event) {
        JsonNode e = node.get("event");
        return e != null && e.isString() && e.asString().equals(event);
    }

    /** A JSON string literal. */
    static String str(String s) {
        return MAPPER.writeValueAsString(s);
    }
}
