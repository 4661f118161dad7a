package dev.switchboard.client;

import dev.switchboard.core.Payload;

/**
 * A call the server made to this client with {@code socket.invoke(procedure, data)}, yielded by
 * {@link SwitchboardClient#procedure(String)}. Answer it once with {@link #end(Object)} or
 * {@link #error(Throwable)}; a second answer throws {@link IllegalStateException}. The answer goes back
 * on the connection the call came in on; if that connection has closed meanwhile it is dropped (the
 * server's call has already failed). A call nobody answers times out on the server.
 *
 * <p>Thread-safe: answer from any thread.
 */
public interface ClientRequest {

    /** The procedure name. */
    String procedure();

    /** The call's argument. */
    Payload data();

    /** The call id the server chose. */
    long id();

    /** Answers with no data. */
    void end();

    /** Answers with {@code data} (anything {@link Payload#of(Object)} accepts). */
    void end(Object data);

    /**
     * Answers with an error: a {@link dev.switchboard.core.RemoteException} with its name, message and
     * fields; any other throwable as its simple class name and message. Never a stack trace.
     */
    void error(Throwable error);

    /** Whether an answer was given. */
    boolean isAnswered();
}
