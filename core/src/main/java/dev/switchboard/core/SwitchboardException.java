package dev.switchboard.core;

/**
 * Base type of every exception Switchboard throws. All are unchecked, so blocking calls on virtual
 * threads compose without wrapping.
 */
public class SwitchboardException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SwitchboardException(String message) {
        super(message);
    }

    public SwitchboardException(String message, Throwable cause) {
        super(message, cause);
    }
}
