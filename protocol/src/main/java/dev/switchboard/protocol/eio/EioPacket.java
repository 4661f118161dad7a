package dev.switchboard.protocol.eio;

import dev.switchboard.core.SwitchboardException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One Engine.IO packet.
 *
 * <p>{@code text} is what follows the type digit ({@code ""} when nothing does). {@code binary} is
 * present only for a binary {@link EioPacketType#MESSAGE}, whose text is then {@code ""}. The byte
 * array is not copied, so a frame can be handed on without an extra allocation; treat it as
 * read-only. Equality compares the bytes, not the array identity, so packets can be compared in
 * tests and collections.
 */
public record EioPacket(EioPacketType type, String text, Optional<byte[]> binary) {

    public EioPacket {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(binary, "binary");
        if (binary.isPresent() && (type != EioPacketType.MESSAGE || !text.isEmpty())) {
            throw new SwitchboardException("only a MESSAGE without text can carry binary data, not " + type);
        }
    }

    /** A packet without payload, e.g. {@code 6} (noop) or {@code 1} (close). */
    public static EioPacket of(EioPacketType type) {
        return new EioPacket(type, "", Optional.empty());
    }

    /** A text packet, e.g. {@code of(PING, "probe")} for {@code 2probe}. */
    public static EioPacket of(EioPacketType type, String text) {
        return new EioPacket(type, text, Optional.empty());
    }

    /** A text MESSAGE; for Socket.IO, {@code text} is the encoded Socket.IO packet. */
    public static EioPacket message(String text) {
        return new EioPacket(EioPacketType.MESSAGE, text, Optional.empty());
    }

    /** A binary MESSAGE (a Socket.IO attachment, for instance). The array is not copied. */
    public static EioPacket binary(byte[] data) {
        Objects.requireNonNull(data, "data");
        return new EioPacket(EioPacketType.MESSAGE, "", Optional.of(data));
    }

    public boolean isBinary() {
        return binary.isPresent();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EioPacket p
                && type == p.type
                && text.equals(p.text)
                && binary.isPresent() == p.binary.isPresent()
                && (binary.isEmpty() || Arrays.equals(binary.get(), p.binary.get()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, text, binary.map(Arrays::hashCode).orElse(0));
    }

    /** Shows the size rather than the content of binary data, which may be large. */
    @Override
    public String toString() {
        return binary.map(b -> "EioPacket[MESSAGE, " + b.length + " bytes]")
                .orElseGet(() -> "EioPacket[" + type + ", " + text + "]");
    }
}
