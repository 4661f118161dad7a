package dev.switchboard.server;

/**
 * The acknowledgement callback of a Socket.IO event. When the sender asked for one, {@link #send}
 * answers it once (later calls are ignored, as in socket.io); when it did not, {@link #requested()}
 * is false and {@code send} does nothing.
 */
public interface Ack {
    boolean requested();

    /** Answers with these arguments; {@code byte[]} values travel as binary. */
    void send(Object... args);
}
