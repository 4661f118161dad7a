package dev.switchboard.core.stream;

import dev.switchboard.core.SwitchboardException;

/**
 * The thread was interrupted while blocked waiting for an item. The thread's interrupt status is set
 * again before this is thrown, so cancellation (e.g. {@code ExecutorService.shutdownNow()}) still
 * propagates. Like a timeout, it leaves a consumer registered and keeps its position.
 *
 * <p>Unchecked (a {@link dev.switchboard.core.SwitchboardException}), so it passes through
 * {@link java.util.Iterator} and lambda boundaries.
 */
public final class StreamInterruptedException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    public StreamInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
