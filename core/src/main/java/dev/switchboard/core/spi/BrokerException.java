package dev.switchboard.core.spi;

import dev.switchboard.core.SwitchboardException;

/** A broker could not do what was asked: publish, subscribe or unsubscribe. */
public class BrokerException extends SwitchboardException {
    private static final long serialVersionUID = 1L;

    public BrokerException(String message) {
        super(message);
    }

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
