package dev.switchboard.redis;

import dev.switchboard.core.Payload;
import dev.switchboard.core.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * MessagePack as notepack.io (socket.io's Redis adapter and emitter) writes and reads it, over
 * msgpack-core: maps keep insertion order, integers take the smallest encoding, other numbers are
 * float 64, {@code byte[]} is bin. Reading gives {@code Map}/{@code List}/{@code String}/{@code
 * Long}/{@code Double}/{@code Boolean}/{@code byte[]}/{@code null}; a timestamp extension becomes its ISO
 * text (what {@code JSON.stringify} makes of a JavaScript Date), notepack's legacy undefined becomes
 * {@code null}, and other extensions their raw bytes. Values of other Java types are written as JSON
 * would write them.
 */
final class MsgPack {
    private static final int MAX_DEPTH = 1000;
    private static final String UNIVERSAL_BUFFER = "msgpack.universal-buffer";

    static {
        // Unless told otherwise, msgpack-core reaches for sun.misc.Unsafe, which Java 24+ warns about (JEP 471)
        // and later releases remove; its portable buffer is plenty for adapter messages.
        if (System.getProperty(UNIVERSAL_BUFFER) == null) {
            System.setProperty(UNIVERSAL_BUFFER, "true");
        }
    }

    private MsgPack() {}

    static byte[] encode(Object value) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            write(packer, value, 0);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code value} holds binary data anywhere (then JSON cannot carry it). */
    static boolean hasBinary(Object value) {
        return switch (value) {
            case byte[] b -> true;
            case Map<?, ?> map -> map.values().stream().anyMatch(MsgPack::hasBinary);
            case List<?> list -> list.stream().anyMatch(MsgPack::hasBinary);
            case Object[] array -> Arrays.stream(array).anyMatch(MsgPack::hasBinary);
            case null, default -> false;
        };
    }

    private static void write(MessageBufferPacker p, Object value, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        switch (value) {
            case null -> p.packNil();
            case String s -> p.packString(s);
            case Boolean b -> p.packBoolean(b);
            case Integer i -> p.packLong(i);
            case Long l -> p.packLong(l);
            case Short s -> p.packLong(s);
            case Byte b -> p.packLong(b);
            case BigInteger big -> p.packBigInteger(big);
            case Number n -> writeNumber(p, n.doubleValue());
            case byte[] bytes -> p.packBinaryHeader(bytes.length).writePayload(bytes);
            case Map<?, ?> map -> {
                p.packMapHeader(map.size());
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    p.packString(String.valueOf(e.getKey()));
                    write(p, e.getValue(), depth + 1);
                }
            }
            case Iterable<?> items -> {
                List<Object> list = new ArrayList<>();
                items.forEach(list::add);
                p.packArrayHeader(list.size());
                for (Object item : list) {
                    write(p, item, depth + 1);
                }
            }
            case Object[] array -> write(p, Arrays.asList(array), depth);
            case Optional<?> optional -> write(p, optional.orElse(null), depth);
            case Payload payload -> write(p, payload.value().orElse(null), depth);
            case Character c -> p.packString(c.toString());
            case Enum<?> e -> p.packString(e.name());
            default -> write(p, Json.convert(value, Object.class), depth + 1);
        }
    }

    /** Integral doubles are written as integers, as notepack does for JavaScript numbers. */
    private static void writeNumber(MessageBufferPacker p, double d) throws IOException {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 0x1p53) {
            p.packLong((long) d);
        } else {
            p.packDouble(d);
        }
    }

    static Object decode(byte[] bytes) {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
            return read(unpacker, 0);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed MessagePack: " + e.getMessage(), e);
        }
    }

    private static Object read(MessageUnpacker u, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("MessagePack nested deeper than " + MAX_DEPTH + " levels");
        }
        MessageFormat format = u.getNextFormat();
        ValueType type = format.getValueType();
        switch (type) {
            case NIL -> {
                u.unpackNil();
                return null;
            }
            case BOOLEAN -> {
                return u.unpackBoolean();
            }
            case INTEGER -> {
                if (format == MessageFormat.UINT64) {
                    BigInteger big = u.unpackBigInteger();
                    return big.bitLength() < 64 ? (Object) big.longValue() : big;
                }
                return u.unpackLong();
            }
            case FLOAT -> {
                return u.unpackDouble();
            }
            case STRING -> {
                return u.unpackString();
            }
            case BINARY -> {
                return u.readPayload(u.unpackBinaryHeader());
            }
            case ARRAY -> {
                int n = u.unpackArrayHeader();
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(read(u, depth + 1));
                }
                return list;
            }
            case MAP -> {
                int n = u.unpackMapHeader();
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object key = read(u, depth + 1);
                    map.put(String.valueOf(key), read(u, depth + 1));
                }
                return map;
            }
            case EXTENSION -> {
                var header = u.unpackExtensionTypeHeader();
                if (header.isTimestampType()) {
                    Instant instant = u.unpackTimestamp(header);
                    return instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
                }
                byte[] data = u.readPayload(header.getLength());
                return header.getType() == 0 && data.length == 1 && data[0] == 0 ? null : data;
            }
            default -> throw new IllegalArgumentException("unsupported MessagePack value: " + format);
        }
    }
}
