package dev.switchboard.protocol.sio;

import dev.switchboard.core.SwitchboardException;

/**
 * Invalid Socket.IO input. The reference server closes the whole Engine.IO connection on it
 * (reason {@code parse error}); the decoder that threw has been reset.
 */
public final class SioParseException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    public SioParseException(String message) {
        super(message);
    }

    public SioParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
