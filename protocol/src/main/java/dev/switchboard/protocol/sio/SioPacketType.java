package dev.switchboard.protocol.sio;

import java.util.Optional;

/** Socket.IO v5 packet types; the ordinal is the digit written on the wire. */
public enum SioPacketType {
    CONNECT,
    DISCONNECT,
    EVENT,
    ACK,
    CONNECT_ERROR,
    BINARY_EVENT,
    BINARY_ACK;

    private static final SioPacketType[] VALUES = values();

    public int code() {
        return ordinal();
    }

    public static Optional<SioPacketType> of(int code) {
        return code >= 0 && code < VALUES.length ? Optional.of(VALUES[code]) : Optional.empty();
    }

    /** Whether the header declares attachments that follow as binary frames. */
    public boolean isBinary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }
}
