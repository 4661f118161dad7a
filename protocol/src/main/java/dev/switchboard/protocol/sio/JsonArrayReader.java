package dev.switchboard.protocol.sio;

import dev.switchboard.core.Payload;
import dev.switchboard.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Reads a JSON array into {@link JsonValues} with Jackson's token stream. Every token is read, so
 * malformed JSON anywhere in the text fails here, under the same read limits as a full decode (nesting,
 * number and string lengths), but objects and arrays inside it are kept as text instead of being built
 * into trees.
 */
final class JsonArrayReader {
    private JsonArrayReader() {}

    /**
     * The elements of {@code json}, or {@code null} when it is well-formed JSON other than an array.
     *
     * @throws JacksonException when it is not well-formed JSON, or has content after the value
     */
    static JsonValues read(String json) {
        // The factory's parser, not the mapper's: no deserialization context is needed to read tokens.
        try (JsonParser p = Json.mapper().tokenStreamFactory().createParser(ObjectReadContext.empty(), json)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_ARRAY) {
                p.skipChildren();
                return p.nextToken() == null ? null : fail(p);
            }
            List<Payload> items = new ArrayList<>(4);
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    fail(p);
                }
                items.add(switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        int start = (int) p.currentTokenLocation().getCharOffset();
                        p.skipChildren();
                        yield Payload.json(json.substring(start, (int) p.currentLocation().getCharOffset()));
                    }
                    case VALUE_STRING -> Payload.of(p.getString());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Payload.of(p.getNumberValue());
                    case VALUE_TRUE -> Payload.of(Boolean.TRUE);
                    case VALUE_FALSE -> Payload.of(Boolean.FALSE);
                    case VALUE_NULL -> Payload.nullValue();
                    default -> fail(p);
                });
            }
            if (p.nextToken() != null) {
                fail(p);
            }
            return new JsonValues(items.toArray(Payload[]::new));
        }
    }

    private static <T> T fail(JsonParser p) {
        throw new SioParseException("invalid payload: unparsable JSON near offset "
                + p.currentTokenLocation().getCharOffset());
    }
}
