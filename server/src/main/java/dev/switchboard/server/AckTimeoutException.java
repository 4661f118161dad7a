package dev.switchboard.server;

import dev.switchboard.core.SwitchboardException;
import java.util.List;

/**
 * An acknowledgement did not arrive in time ({@code "operation has timed out"}). For a broadcast,
 * {@link #responses()} holds the answers that did arrive.
 */
public class AckTimeoutException extends SwitchboardException {
    private static final long serialVersionUID = 1L;
    private final transient List<EventArgs> responses;

    public AckTimeoutException(List<EventArgs> responses) {
        super("operation has timed out");
        this.responses = List.copyOf(responses);
    }

    public List<EventArgs> responses() {
        return responses;
    }
}
