package dev.switchboard.protocol.sio;

import dev.switchboard.core.SwitchboardException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Encodes Socket.IO packets as socket.io-parser's {@code Encoder} does. Stateless and thread-safe.
 *
 * <p>The JSON is written directly into the header (see {@link JsJson}) in one pass, which also
 * extracts binary attachments; encoding a broadcast once and sending the same text to every
 * recipient is the intended use.
 */
public final class SioEncoder {
    private SioEncoder() {}

    /**
     * Encodes {@code <type>[<n>-][<nsp>,][<ackId>][<json>]} plus attachments.
     *
     * <p>Every {@code byte[]} in the data becomes {@code {"_placeholder":true,"num":i}} (depth-first,
     * in order) and an attachment. The wire type follows the content: an EVENT or ACK with
     * attachments is written as BINARY_EVENT/BINARY_ACK, and a BINARY_EVENT/BINARY_ACK without any
     * as EVENT/ACK.
     *
     * @throws SwitchboardException when binary data appears in a packet other than an event or ack,
     *     or the data is cyclic or nested deeper than 1000 levels
     */
    public static SioEncoded encode(SioPacket packet) {
        Objects.requireNonNull(packet, "packet");
        SioPacketType type = packet.type();
        boolean mayCarryBinary = packet.isEvent() || packet.isAck();
        List<byte[]> attachments = mayCarryBinary ? new ArrayList<>(0) : null;
        String json = null;
        if (packet.data().isPresent()) {
            StringBuilder body = new StringBuilder(64);
            JsJson.write(body, packet.data().get(), attachments, 0);
            json = body.toString();
        }
        if (mayCarryBinary) {
            boolean binary = !attachments.isEmpty();
            if (packet.isEvent()) {
                type = binary ? SioPacketType.BINARY_EVENT : SioPacketType.EVENT;
            } else {
                type = binary ? SioPacketType.BINARY_ACK : SioPacketType.ACK;
            }
        }
        StringBuilder sb = new StringBuilder(16 + packet.namespace().length() + (json == null ? 0 : json.length()));
        sb.append(type.code());
        if (type.isBinary()) {
            sb.append(attachments.size()).append('-');
        }
        appendNamespace(sb, packet.namespace());
        packet.ackId().ifPresent(sb::append);
        if (json != null) {
            sb.append(json);
        }
        return new SioEncoded(sb.toString(), attachments == null ? List.of() : attachments);
    }

    /**
     * Fast path for a binary-free EVENT without ack id, e.g. a broadcast: the header text only,
     * written straight into one buffer without building a packet.
     *
     * <p>Deviation from "fall back to encode": a {@code byte[]} in the arguments throws, because a
     * String cannot carry the attachments and silently dropping them would corrupt the event; use
     * {@link #encode(SioPacket)} with {@link SioPacket#event} for binary events.
     *
     * @throws SwitchboardException when an argument holds binary data, or the event is not named
     */
    public static String encodeEvent(String namespace, List<?> eventAndArgs) {
        // the factory validates the namespace and the name the same way as for encode()
        SioPacket.event(namespace, eventAndArgs, OptionalLong.empty());
        StringBuilder sb = new StringBuilder(64 + namespace.length());
        sb.append(SioPacketType.EVENT.code());
        appendNamespace(sb, namespace);
        JsJson.write(sb, eventAndArgs, null, 0);
        return sb.toString();
    }

    /** Writes a value as JSON exactly as {@code JSON.stringify} would (no binary allowed). */
    public static String stringify(Object value) {
        StringBuilder sb = new StringBuilder(64);
        JsJson.write(sb, value, null, 0);
        return sb.toString();
    }

    private static void appendNamespace(StringBuilder sb, String namespace) {
        if (!SioPacket.MAIN_NAMESPACE.equals(namespace)) {
            sb.append(namespace).append(',');
        }
    }
}
