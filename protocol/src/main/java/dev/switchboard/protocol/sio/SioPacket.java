package dev.switchboard.protocol.sio;

import dev.switchboard.core.SwitchboardException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One Socket.IO packet.
 *
 * <p>{@code data} is the JSON tree (maps, lists, strings, numbers, booleans; JSON {@code null}
 * inside the tree is Java {@code null}) with binary placeholders already replaced by {@code byte[]}:
 * a {@code List} for events (name first) and acks, a {@code Map} (or nothing) for CONNECT, a
 * {@code Map} or {@code String} for CONNECT_ERROR. Decoded trees are mutable and not copied; they
 * belong to whoever received the packet. A decoded plain EVENT or ACK holds its array as {@link
 * JsonValues}, whose objects and arrays are parsed only when read.
 *
 * <p>The decoder reports reassembled binary packets as EVENT/ACK (as socket.io-parser does), and
 * the encoder picks BINARY_EVENT/BINARY_ACK by itself when the data holds binary; {@link #isEvent()}
 * and {@link #isAck()} accept both forms for packets built by hand.
 *
 * @param namespace starts with {@code /} and has no {@code ,} (a comma ends it on the wire)
 */
public record SioPacket(SioPacketType type, String namespace, OptionalLong ackId, Optional<Object> data) {

    /** Event names reserved by Socket.IO: a client may not send them and the server must not emit them. */
    public static final Set<String> RESERVED_EVENTS = Set.of(
            "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

    /** The main namespace, which the wire format leaves out. */
    public static final String MAIN_NAMESPACE = "/";

    public SioPacket {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(ackId, "ackId");
        Objects.requireNonNull(data, "data");
        if (!namespace.startsWith("/") || namespace.indexOf(',') >= 0) {
            throw new SwitchboardException("a namespace starts with '/' and contains no ',': " + namespace);
        }
        if (ackId.isPresent() && ackId.getAsLong() < 0) {
            throw new SwitchboardException("an ack id is not negative: " + ackId.getAsLong());
        }
    }

    /**
     * An EVENT (name first, then the arguments), with an ack id when the sender wants an answer.
     * Encoded as BINARY_EVENT when an argument holds a {@code byte[]}.
     */
    public static SioPacket event(String namespace, List<?> eventAndArgs, OptionalLong ackId) {
        if (eventAndArgs.isEmpty()
                || !(eventAndArgs.get(0) instanceof String || eventAndArgs.get(0) instanceof Number)) {
            throw new SwitchboardException("an event starts with its name (a string or a number)");
        }
        return new SioPacket(SioPacketType.EVENT, namespace, ackId, Optional.of(eventAndArgs));
    }

    /** The answer to ack {@code id}; encoded as BINARY_ACK when an argument holds a {@code byte[]}. */
    public static SioPacket ack(String namespace, long id, List<?> args) {
        return new SioPacket(SioPacketType.ACK, namespace, OptionalLong.of(id), Optional.of(args));
    }

    /** CONNECT with a payload: the server's {@code {"sid":…}} answer or a client's auth object. */
    public static SioPacket connect(String namespace, Map<String, ?> data) {
        return new SioPacket(SioPacketType.CONNECT, namespace, OptionalLong.empty(), Optional.of(data));
    }

    /** CONNECT without payload, as a client without auth sends it. */
    public static SioPacket connect(String namespace) {
        return new SioPacket(SioPacketType.CONNECT, namespace, OptionalLong.empty(), Optional.empty());
    }

    /** CONNECT_ERROR with {@code {"message":…,"data":…}}; {@code data} is left out when empty, as JS omits undefined. */
    public static SioPacket connectError(String namespace, String message, Optional<?> data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("message", Objects.requireNonNull(message, "message"));
        data.ifPresent(d -> payload.put("data", d));
        return new SioPacket(SioPacketType.CONNECT_ERROR, namespace, OptionalLong.empty(), Optional.of(payload));
    }

    public static SioPacket disconnect(String namespace) {
        return new SioPacket(SioPacketType.DISCONNECT, namespace, OptionalLong.empty(), Optional.empty());
    }

    public boolean isEvent() {
        return type == SioPacketType.EVENT || type == SioPacketType.BINARY_EVENT;
    }

    public boolean isAck() {
        return type == SioPacketType.ACK || type == SioPacketType.BINARY_ACK;
    }

    /**
     * The event name: the first element of an event's array. The protocol allows a number there;
     * it is returned as JavaScript prints it ({@code 1}, {@code 1.5}), which is the listener name a
     * Node server would dispatch to.
     */
    public Optional<String> eventName() {
        if (!isEvent() || !(data.orElse(null) instanceof List<?> list) || list.isEmpty()) {
            return Optional.empty();
        }
        Object first = list.get(0);
        if (first instanceof String s) {
            return Optional.of(s);
        }
        return first instanceof Number n ? Optional.of(JsJson.number(n)) : Optional.empty();
    }

    /**
     * The arguments: those after the name for an event, all of them for an ack, none otherwise.
     * An unmodifiable view; elements may be {@code null} (JSON null).
     */
    public List<Object> args() {
        if (data.orElse(null) instanceof JsonValues values) {
            // a received packet: the same lazy elements, so handlers can still pass arguments on unread
            return isEvent() && !values.isEmpty() ? values.tail(1) : isAck() ? values : List.of();
        }
        if (data.orElse(null) instanceof List<?> list) {
            if (isEvent() && !list.isEmpty()) {
                return Collections.unmodifiableList(list.subList(1, list.size()));
            }
            if (isAck()) {
                return Collections.unmodifiableList(list);
            }
        }
        return List.of();
    }
}
