package dev.switchboard.core.stream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Package-internal: turns a {@code once} future into a blocking call with the stream exceptions. */
final class Waiting {
    private Waiting() {
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(false); // unregisters the temporary consumer
            Thread.currentThread().interrupt();
            throw new StreamInterruptedException("interrupted while awaiting an item", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StreamTimeoutException timeout) {
                // Re-create so the trace shows the waiting thread, not the timer thread.
                throw new StreamTimeoutException(timeout.getMessage(), timeout);
            }
            throw new IllegalStateException("once future failed unexpectedly", e.getCause());
        }
    }
}
