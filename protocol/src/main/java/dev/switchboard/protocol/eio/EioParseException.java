package dev.switchboard.protocol.eio;

import dev.switchboard.core.SwitchboardException;

/**
 * Malformed Engine.IO input. The reference server answers it by closing the session with reason
 * {@code parse error}, so callers should do the same rather than try to resynchronise.
 */
public final class EioParseException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    public EioParseException(String message) {
        super(message);
    }

    public EioParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
