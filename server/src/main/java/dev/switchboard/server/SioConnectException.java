package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.SwitchboardException;

/** Refuses a Socket.IO connection with a message and data, which the client sees as {@code connect_error}. */
public class SioConnectException extends SwitchboardException {
    private static final long serialVersionUID = 1L;
    private final transient Payload data;

    public SioConnectException(String message, Object data) {
        super(message);
        this.data = Payload.of(data);
    }

    public SioConnectException(String message) {
        super(message);
        this.data = Payload.none();
    }

    /** The {@code data} of the client's {@code connect_error}; none to omit it. */
    public Payload data() {
        return data;
    }
}
