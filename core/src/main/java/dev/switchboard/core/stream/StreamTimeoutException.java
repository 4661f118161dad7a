package dev.switchboard.core.stream;

import dev.switchboard.core.SwitchboardException;

/**
 * Nothing arrived within a consumer's or a {@code once} call's timeout.
 *
 * <p>For a {@link StreamConsumer} this is not terminal: the consumer stays registered, keeps every item
 * written to it and may be asked again. For a timed {@code once} the temporary consumer is gone.
 *
 * <p>Unchecked (a {@link dev.switchboard.core.SwitchboardException}), so it passes through
 * {@link java.util.Iterator} and lambda boundaries.
 */
public final class StreamTimeoutException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    public StreamTimeoutException(String message) {
        super(message);
    }

    public StreamTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
