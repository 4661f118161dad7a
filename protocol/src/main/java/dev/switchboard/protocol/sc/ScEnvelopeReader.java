package dev.switchboard.protocol.sc;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * Reads SocketCluster envelopes with Jackson's token stream instead of building a tree. The whole frame
 * is still tokenized, so malformed JSON is caught here, but a {@code data} value is kept as its JSON text
 * ({@link Payload#json(String)}) and only parsed if the application reads it. An echoed or relayed
 * payload is therefore never parsed or re-encoded. Duplicate keys resolve as in a parsed object: the
 * last one wins.
 */
final class ScEnvelopeReader {
    private final String text;
    private final JsonParser p;

    private ScEnvelopeReader(String text, JsonParser p) {
        this.text = text;
        this.p = p;
    }

    /** The packets of {@code text}, or {@code null} when it is not well-formed JSON. */
    static List<ScPacket> read(String text) {
        // The factory's parser, not the mapper's: a mapper parser carries a deserialization context,
        // allocated per frame and never used here. The factory's read limits (nesting, lengths) apply.
        try (JsonParser p = Json.mapper().tokenStreamFactory().createParser(ObjectReadContext.empty(), text)) {
            ScEnvelopeReader r = new ScEnvelopeReader(text, p);
            JsonToken first = p.nextToken();
            List<ScPacket> packets;
            if (first == JsonToken.START_OBJECT) {
                packets = List.of(r.object(true));
            } else if (first == JsonToken.START_ARRAY) {
                packets = r.batch();
            } else {
                return null;
            }
            return p.nextToken() == null ? packets : null; // trailing content makes the frame malformed
        } catch (JacksonException malformed) {
            return null;
        }
    }

    private List<ScPacket> batch() {
        List<ScPacket> packets = new ArrayList<>(4);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            switch (t) {
                case START_OBJECT -> packets.add(object(false));
                case VALUE_STRING -> packets.add(new ScPacket.Raw(p.getString()));
                default -> {
                    int start = start();
                    p.skipChildren();
                    packets.add(new ScPacket.Raw(span(start, afterValue())));
                }
            }
        }
        return packets;
    }

    /** Reads one object whose START_OBJECT is the current token; leaves END_OBJECT current. */
    private ScPacket object(boolean root) {
        int objectStart = start();
        String event = null;
        OptionalLong cid = OptionalLong.empty();
        boolean hasRid = false;
        long rid = 0;
        Object error = null;
        int dataStart = -1;
        int dataEnd = -1;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "event" -> event = v == JsonToken.VALUE_STRING ? p.getString() : skip(null);
                case "cid" -> cid = v.isNumeric() ? OptionalLong.of(p.getNumberValue().longValue()) : skip(OptionalLong.empty());
                case "rid" -> {
                    hasRid = v.isNumeric();
                    rid = hasRid ? p.getNumberValue().longValue() : skip(0L);
                }
                case "error" -> {
                    int start = start();
                    p.skipChildren();
                    error = Json.decode(span(start, afterValue())); // rare: errors are read whole
                }
                case "data" -> {
                    dataStart = start();
                    p.skipChildren();
                    dataEnd = afterValue();
                }
                default -> p.skipChildren();
            }
        }
        Payload data = dataStart < 0 ? Payload.none() : Payload.json(span(dataStart, dataEnd));
        if (event != null) {
            return new ScPacket.Event(event, data, cid);
        }
        if (hasRid) {
            Optional<RemoteException> err = error == null
                    ? Optional.empty()
                    : Optional.of(RemoteException.fromPayload(Payload.ofNullable(error)));
            return new ScPacket.Response(rid, data, err);
        }
        return new ScPacket.Raw(root ? text : span(objectStart, afterValue()));
    }

    private <T> T skip(T value) {
        p.skipChildren();
        return value;
    }

    /** Where the current token starts. */
    private int start() {
        return (int) p.currentTokenLocation().getCharOffset();
    }

    /**
     * Where the current value ends, once its last token is current. A scalar's text is finished first:
     * Jackson reads strings lazily, and its location is then the first character after the token.
     */
    private int afterValue() {
        p.finishToken();
        return (int) p.currentLocation().getCharOffset();
    }

    private String span(int start, int end) {
        return text.substring(start, end);
    }
}
