package dev.switchboard.core.stream;

import dev.switchboard.core.SwitchboardException;

/**
 * A consumer of a bounded stream with {@link OverflowPolicy#FAIL} fell further behind than the bound
 * allows and was ended. Thrown by every later {@code hasNext()}/{@code next()} on that consumer; its
 * {@link StreamConsumer#endReason()} is {@link EndReason#OVERFLOWED}.
 *
 * <p>Unchecked (a {@link dev.switchboard.core.SwitchboardException}), so it passes through
 * {@link java.util.Iterator} and lambda boundaries.
 */
public final class StreamOverflowException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    public StreamOverflowException(String message) {
        super(message);
    }
}
