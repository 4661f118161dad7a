package dev.switchboard.protocol.eio;

import java.util.Optional;

/** Engine.IO v4 packet types; the ordinal is the digit written on the wire. */
public enum EioPacketType {
    OPEN,
    CLOSE,
    PING,
    PONG,
    MESSAGE,
    UPGRADE,
    NOOP;

    private static final EioPacketType[] VALUES = values();

    /** The ASCII digit that starts the packet on the wire. */
    public char code() {
        return (char) ('0' + ordinal());
    }

    /** The type for a wire digit; empty for anything else (including {@code 'b'}, which is framing). */
    public static Optional<EioPacketType> of(char code) {
        int index = code - '0';
        return index >= 0 && index < VALUES.length ? Optional.of(VALUES[index]) : Optional.empty();
    }
}
