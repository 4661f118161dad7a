package dev.switchboard.core.internal;

import dev.switchboard.core.SwitchboardException;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON mapper Switchboard uses. Byte arrays are written the way SocketCluster's formatter
 * writes Node buffers, {@code {"base64":true,"data":"..."}}, so binary reaches npm clients unchanged.
 */
public final class Json {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("switchboard")
                    .addSerializer(byte[].class, new BinarySerializer())
                    .addSerializer(dev.switchboard.core.Payload.class, new PayloadSerializer()))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    // Resolved once: readValue(json, Object.class) looks the type and its deserializer up on every call.
    private static final ObjectReader UNTYPED = MAPPER.readerFor(Object.class);

    private Json() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Encodes any value (maps, lists, records, beans, byte arrays) as JSON text. */
    public static String encode(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new SwitchboardException("cannot encode " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Parses JSON text into maps, lists, strings, numbers and booleans; JSON null becomes Java null. */
    public static Object decode(String json) {
        try {
            return UNTYPED.readValue(json);
        } catch (JacksonException e) {
            throw new SwitchboardException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T convert(Object tree, Class<T> type) {
        try {
            return MAPPER.convertValue(tree, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new SwitchboardException("cannot convert payload to " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    /** A payload nested in a map, list or record is written as its JSON, not as a bean. */
    private static final class PayloadSerializer extends ValueSerializer<dev.switchboard.core.Payload> {
        @Override
        public void serialize(dev.switchboard.core.Payload value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeRawValue(value.json());
        }
    }

    private static final class BinarySerializer extends ValueSerializer<byte[]> {
        @Override
        public void serialize(byte[] value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeStartObject();
            gen.writeBooleanProperty("base64", true);
            gen.writeStringProperty("data", Base64.getEncoder().encodeToString(value));
            gen.writeEndObject();
        }
    }
}
