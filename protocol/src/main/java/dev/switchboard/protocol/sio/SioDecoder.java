package dev.switchboard.protocol.sio;

import dev.switchboard.core.SwitchboardException;
import dev.switchboard.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decodes the Socket.IO packets of one connection.
 *
 * <p>Stateful: a BINARY_EVENT or BINARY_ACK header is held until its attachments have arrived
 * through {@link #decodeBinary}; the completed packet is then reported as a plain EVENT or ACK
 * (with {@code byte[]} in its data), as socket.io-parser 4.2.7 does, so a consumer only handles
 * those two types. Use one instance per connection, from one thread at a time (not
 * thread-safe; a connection's frames are processed in order anyway).
 *
 * <p>Validation follows socket.io-parser 4.2.x ({@code Decoder.decodeString}, {@code isPayloadValid})
 * and is stricter where the reference is lax or was exploitable: an attachment count must be plain
 * digits, from 1 to {@code maxAttachments}; an ack id must be at most 18 digits; an empty packet is an
 * error (the reference reads it as CONNECT); an EVENT needs a payload; in binary packets placeholders
 * must be exact (elsewhere an object shaped like one is plain data, as in socket.io). Any failure throws {@link SioParseException} and resets the
 * decoder; the caller should close the connection, as the reference server does.
 */
public final class SioDecoder {
    /** socket.io-parser's default since 4.2.6. */
    public static final int DEFAULT_MAX_ATTACHMENTS = 10;

    private static final int MAX_ACK_ID_DIGITS = 18;

    private final int maxAttachments;
    private SioPacket pending;
    private int expected;
    private List<byte[]> buffers;

    public SioDecoder() {
        this(DEFAULT_MAX_ATTACHMENTS);
    }

    /** @param maxAttachments the most attachments one packet may declare; larger counts are refused before anything is buffered */
    public SioDecoder(int maxAttachments) {
        if (maxAttachments < 0) {
            throw new SwitchboardException("maxAttachments must not be negative, was " + maxAttachments);
        }
        this.maxAttachments = maxAttachments;
    }

    /**
     * Decodes the text of an Engine.IO MESSAGE (without its leading {@code 4}).
     *
     * @return the packet, or empty when it is a binary packet now waiting for its attachments
     * @throws SioParseException when the packet is invalid or attachments of a previous one are due
     */
    public Optional<SioPacket> decodeText(String payload) {
        Objects.requireNonNull(payload, "payload");
        if (pending != null) {
            reset();
            throw new SioParseException("got a text packet while " + expected + " attachment(s) were due");
        }
        return new Header(payload).parse();
    }

    /**
     * Accepts one attachment (an Engine.IO binary MESSAGE) of the pending binary packet. The array
     * is kept, not copied.
     *
     * @return the completed packet after its last attachment, otherwise empty
     * @throws SioParseException when no binary packet is waiting
     */
    public Optional<SioPacket> decodeBinary(byte[] attachment) {
        Objects.requireNonNull(attachment, "attachment");
        if (pending == null) {
            throw new SioParseException("got binary data while no binary packet was pending");
        }
        buffers.add(attachment);
        if (buffers.size() < expected) {
            return Optional.empty();
        }
        SioPacket header = pending;
        List<byte[]> complete = buffers;
        reset();
        Optional<Object> data = header.data().map(tree -> Placeholders.resolve(tree, complete));
        // like socket.io-parser 4.2.7: once reassembled, a binary packet is an ordinary EVENT/ACK
        SioPacketType type = header.type() == SioPacketType.BINARY_EVENT ? SioPacketType.EVENT : SioPacketType.ACK;
        return Optional.of(new SioPacket(type, header.namespace(), header.ackId(), data));
    }

    /** Whether a binary packet is waiting for attachments. */
    public boolean pendingBinary() {
        return pending != null;
    }

    /** Drops a half-received binary packet. */
    public void reset() {
        pending = null;
        expected = 0;
        buffers = null;
    }

    /** One pass over a packet's text, mirroring the reference decoder's steps. */
    private final class Header {
        private final String s;
        private int i;

        Header(String s) {
            this.s = s;
        }

        Optional<SioPacket> parse() {
            if (s.isEmpty()) {
                throw new SioParseException("empty Socket.IO packet");
            }
            char c = s.charAt(0);
            SioPacketType type = (c >= '0' && c <= '9' ? SioPacketType.of(c - '0') : Optional.<SioPacketType>empty())
                    .orElseThrow(() -> new SioParseException("unknown Socket.IO packet type"));
            i = 1;
            int attachments = type.isBinary() ? attachments() : 0;
            String namespace = namespace();
            OptionalLong ackId = ackId();
            Optional<Object> data = i < s.length() ? Optional.of(json(type)) : Optional.empty();
            validate(type, data);
            if (type.isBinary()) {
                // In other packets an object shaped like a placeholder is plain data, as in socket.io.
                data.ifPresent(tree -> Placeholders.check(tree, attachments, true));
            }
            SioPacket packet = new SioPacket(type, namespace, ackId, data);
            if (attachments == 0) {
                return Optional.of(packet);
            }
            pending = packet;
            expected = attachments;
            buffers = new ArrayList<>(attachments);
            return Optional.empty();
        }

        private int attachments() {
            int start = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start || i == s.length() || s.charAt(i) != '-') {
                throw new SioParseException("illegal attachments");
            }
            // compare the length first so a count like 1832742252000 cannot overflow the check
            if (i - start > 9 || Integer.parseInt(s, start, i, 10) > maxAttachments) {
                throw new SioParseException("too many attachments (limit " + maxAttachments + ")");
            }
            int count = Integer.parseInt(s, start, i, 10);
            if (count < 1) {
                throw new SioParseException("illegal attachments: a binary packet has at least one");
            }
            i++;
            return count;
        }

        /** From a leading '/' up to ',' (consumed) or the end, so {@code 40/custom} has namespace /custom. */
        private String namespace() {
            if (i >= s.length() || s.charAt(i) != '/') {
                return SioPacket.MAIN_NAMESPACE;
            }
            int comma = s.indexOf(',', i);
            int end = comma < 0 ? s.length() : comma;
            String namespace = s.substring(i, end);
            i = comma < 0 ? s.length() : comma + 1;
            return namespace;
        }

        /** Digits read greedily; none means no ack id, and the text goes on as the payload. */
        private OptionalLong ackId() {
            int start = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return OptionalLong.empty();
            }
            if (i - start > MAX_ACK_ID_DIGITS) {
                throw new SioParseException("ack id too long");
            }
            return OptionalLong.of(Long.parseLong(s, start, i, 10));
        }

        private Object json(SioPacketType type) {
            Object tree;
            try {
                // Plain events and acks keep their arguments as text until read (see JsonValues); binary
                // ones need the tree to find their placeholders, and the other types are small.
                JsonValues values = type == SioPacketType.EVENT || type == SioPacketType.ACK
                        ? JsonArrayReader.read(s.substring(i))
                        : null;
                tree = values != null ? values : Json.decode(s.substring(i));
            } catch (RuntimeException | StackOverflowError e) {
                // Jackson caps nesting (500 levels); the StackOverflowError catch is a second line
                throw new SioParseException("invalid payload: unparsable JSON", e);
            }
            if (tree == null) {
                throw new SioParseException("invalid payload: null");
            }
            return tree;
        }
    }

    /** socket.io-parser's isPayloadValid; an absent payload is accepted except for events. */
    private static void validate(SioPacketType type, Optional<Object> data) {
        Object d = data.orElse(null);
        boolean valid = switch (type) {
            case CONNECT -> d == null || d instanceof Map;
            case DISCONNECT -> d == null;
            case CONNECT_ERROR -> d == null || d instanceof Map || d instanceof String;
            case EVENT, BINARY_EVENT -> d instanceof List<?> list && !list.isEmpty() && validEventName(list.get(0));
            case ACK, BINARY_ACK -> d == null || d instanceof List;
        };
        if (!valid) {
            throw new SioParseException("invalid payload for " + type);
        }
    }

    private static boolean validEventName(Object first) {
        return first instanceof Number || first instanceof String name && !SioPacket.RESERVED_EVENTS.contains(name);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
