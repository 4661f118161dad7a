package dev.switchboard.server;

import dev.switchboard.core.Payload;

/**
 * A remote procedure call from a client, yielded by {@code socket.procedure(name)}. Answer it once
 * with {@link #end(Object)} or {@link #error(Throwable)}; a second answer throws. A request that is never
 * answered makes the client time out, which is also what happens when nobody consumes the procedure.
 *
 * <p>Thread-safe: answer from any thread.
 */
public interface Request {
    /** The socket that made the call. */
    ServerSocket socket();

    /** The procedure name. */
    String procedure();

    /** The call's argument. */
    Payload data();

    /** The call id the client chose. */
    long id();

    /** Answers with no data. */
    void end();

    /** Answers with {@code data}. */
    void end(Object data);

    /**
     * Answers with an error. A {@link dev.switchboard.core.RemoteException} reaches the client with its
     * name, message and fields; any other throwable as its class name and message. Never a stack trace.
     */
    void error(Throwable error);

    /** Whether an answer was sent. */
    boolean isAnswered();
}
