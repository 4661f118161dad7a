package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.ConsumableStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One client connection, as the server sees it.
 *
 * <h2>Lifecycle</h2>
 * {@link SocketState#CONNECTING} from the WebSocket upgrade until the client's {@code #handshake};
 * {@link SocketState#OPEN} after; {@link SocketState#CLOSED} once the connection ends, for any reason.
 * On close, pending {@link #invoke} futures fail, the socket leaves its channels, and its receiver,
 * procedure and listener streams are killed (or closed, per {@code socketStreamCleanupMode}).
 *
 * <h2>Threading</h2>
 * All methods are thread-safe. Inbound packets of one socket are processed one at a time, in order,
 * on a virtual thread; a slow consumer or middleware on one socket never delays another socket.
 * Consume {@link #receiver}, {@link #procedure} and {@link #listener} streams on your own virtual
 * threads, or give them a {@link dev.switchboard.core.stream.ConsumableStream#handle handler} (which
 * holds no thread while idle); create consumers and handlers early, because items written while none
 * exists are dropped.
 *
 * <h2>Backpressure</h2>
 * Outbound frames queue in memory up to {@code outboundBufferLimit} bytes (1 MiB by default). A socket
 * that reads more slowly than that is disconnected with {@link CloseCodes#SLOW_CONSUMER}; memory stays
 * bounded. {@link #outboundBufferedBytes()} tells how full the queue is.
 */
public interface ServerSocket {
    /** The socket id sent to the client in the handshake reply. */
    String id();

    SocketState state();

    AuthState authState();

    /** The verified token's claims, while authenticated. */
    Optional<Map<String, Object>> authToken();

    /** The signed token as the client holds it, while authenticated. */
    Optional<String> signedAuthToken();

    /** The HTTP request of the WebSocket upgrade. */
    HandshakeRequest request();

    /** Messages the client sent with {@code transmit(event, data)}. */
    ConsumableStream<Payload> receiver(String event);

    /** Calls the client made with {@code invoke(procedure, data)}. */
    ConsumableStream<Request> procedure(String procedure);

    /** This socket's own events. */
    <E> ConsumableStream<E> listener(EventKey<E> event);

    /** Sends an event the client reads with {@code receiver(event)}. Dropped if the socket is not open. */
    void transmit(String event, Object data);

    /** Calls a procedure on the client, with the server's {@code ackTimeout}. */
    CompletableFuture<Payload> invoke(String procedure, Object data);

    /** Calls a procedure on the client; the future fails with a {@code TimeoutError} after {@code timeout}. */
    CompletableFuture<Payload> invoke(String procedure, Object data, Duration timeout);

    /** Signs {@code claims} as a JWT with the default expiry, stores it on the socket, and sends it. */
    void setAuthToken(Map<String, ?> claims);

    /** Signs {@code claims} with an explicit expiry. */
    void setAuthToken(Map<String, ?> claims, Duration expiresIn);

    /** Drops the auth token and tells the client to remove its copy. */
    void deauthenticate();

    /** Unsubscribes the socket from {@code channel} and tells the client why. */
    void kickOut(String channel, Object message);

    /** Unsubscribes the socket from every channel, telling the client for each. */
    void kickOut(Object message);

    /** The channels this socket is subscribed to. */
    Set<String> subscriptions();

    boolean isSubscribed(String channel);

    /** Closes with code 1000; the official client does not reconnect after it. */
    void disconnect();

    /** Closes with {@code code} and {@code reason}. */
    void disconnect(int code, String reason);

    /**
     * Starts batching: outbound packets are collected and sent as one JSON-array frame every {@code
     * batchInterval}, which saves frames and syscalls when a socket receives many small messages.
     */
    void startBatch();

    /** Sends what is batched now and keeps batching. */
    void flushBatch();

    /** Sends what is batched and stops batching. */
    void stopBatch();

    /** Stops batching and drops what was batched and not yet sent. */
    void cancelBatch();

    boolean isBatching();

    /**
     * Drops the connection at once, without a close frame: the client sees 1006 and reconnects. For
     * emergencies and tests that simulate a crash; prefer {@link #disconnect(int, String)}.
     */
    void terminate();

    /** Bytes written to this socket and not yet handed to the network. */
    long outboundBufferedBytes();

    /** Ends the receiver stream for {@code event} after its backlog. */
    void closeReceiver(String event);

    /** Ends the receiver stream for {@code event} now, dropping its backlog. */
    void killReceiver(String event);

    void closeProcedure(String procedure);

    void killProcedure(String procedure);
}
