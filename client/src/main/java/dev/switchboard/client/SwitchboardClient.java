package dev.switchboard.client;

import dev.switchboard.client.ClientEvents.ClientEvent;
import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.ConsumableStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A SocketCluster 20 client: talks to Switchboard's server and to the npm {@code socketcluster-server},
 * with the official client's semantics (handshake, ping/pong, reconnection with backoff, resubscription,
 * outbound buffering, JWT auth).
 * <pre>{@code
 * try (SwitchboardClient client = SwitchboardClient.create(URI.create("ws://localhost:8000/socketcluster/"))) {
 *     ClientChannel news = client.subscribe("news");
 *     var items = news.createConsumer();                          // buffers from now on
 *     Thread.ofVirtual().start(() -> { for (Payload item : items) System.out.println(item); });
 *     Payload answer = client.invokeAndWait("echo", Map.of("hello", "world"));
 * }
 * }</pre>
 *
 * <h2>Lifecycle</h2>
 * {@link ClientState#CLOSED} -&gt; {@link ClientState#CONNECTING} ({@link #connect()}, automatic with
 * {@link ClientOptions#autoConnect()}) -&gt; {@link ClientState#OPEN} once the server answered
 * {@code #handshake}. When a connection ends the client goes back to CLOSED, moves its channels to
 * {@link ChannelState#PENDING}, fails waiting invokes with {@link BadConnectionException} and, unless the
 * close code was 1000 or &gt;= 4500, reconnects after a {@link ReconnectOptions backoff}; after the
 * handshake pending channels are resubscribed (highest priority first) and buffered calls are sent.
 * {@link #disconnect()} (code 1000) stays down until {@link #connect()}; {@link #close()} ends the client
 * for good and ends every stream it gave out (consumers drain, then finish).
 *
 * <h2>Threading</h2>
 * Every method is thread-safe and non-blocking except {@link #invokeAndWait}. The client never runs
 * user code on its own threads: streams (listeners, receivers, procedures, channels) are consumed on
 * the caller's threads, ideally virtual ones; futures complete on virtual threads; the
 * {@link AuthTokenStore} is called from a virtual thread. Inbound frames are handled in arrival order,
 * one at a time per connection; events of one client are emitted in the order they happened.
 *
 * <h2>Backpressure</h2>
 * Inbound: at most one frame is read ahead of the one being handed to the streams, and stream writes
 * never wait, so every consumer buffers what it has not consumed yet, without bound; consume promptly or close
 * the consumer ({@link #backpressure()} shows the largest backlog). Outbound: calls made while not open
 * wait in a buffer (each at most its ack timeout); at most {@link ClientOptions#outboundQueueLimit()}
 * calls may wait there, and at most as many frames in a connection's send queue; beyond that a call
 * fails with {@link OutboundOverflowException}. Nothing is dropped silently except transmits whose ack
 * timeout expires while still buffered, as in SocketCluster.
 */
public interface SwitchboardClient extends AutoCloseable {

    /** A client for {@code uri} with default options (connects at once). An empty path means {@code /socketcluster/}. */
    static SwitchboardClient create(URI uri) {
        return create(ClientOptions.of(uri));
    }

    /** A client with {@code options}; connects at once when {@link ClientOptions#autoConnect()}. */
    static SwitchboardClient create(ClientOptions options) {
        DefaultClient client = new DefaultClient(options);
        if (options.autoConnect()) {
            client.connect();
        }
        return client;
    }

    /** The options this client was created with. */
    ClientOptions options();

    // ---- state ----

    /** The connection state now. */
    ClientState state();

    /** The auth state now. */
    AuthState authState();

    /** The socket id the server assigned; empty unless {@link ClientState#OPEN}. */
    Optional<String> id();

    /** The claims of the current token (its payload, base64url-decoded, not verified); empty if unauthenticated. */
    Optional<Map<String, Object>> authToken();

    /** The current signed token; empty if unauthenticated. */
    Optional<String> signedAuthToken();

    /** How long the client waits for a server ping before closing with 4000: the server's value once connected. */
    Duration pingTimeout();

    /** The delay of the scheduled reconnect, if one is scheduled. */
    Optional<Duration> pendingReconnect();

    /** Reconnect attempts since the last successful handshake. */
    int connectAttempts();

    // ---- connection ----

    /**
     * Starts connecting unless connecting or open. The future completes with the handshake result of the
     * current attempt, or fails with a {@link SocketProtocolException} saying why this attempt failed
     * (refused connection with its {@link java.io.IOException} cause, HTTP status of a refused upgrade,
     * close code and reason of a rejected handshake). Automatic reconnection goes on regardless.
     *
     * @throws IllegalStateException if the client was {@linkplain #close() closed}
     */
    CompletableFuture<ClientEvents.Connect> connect();

    /** Closes with code 1000 (no automatic reconnect); cancels a scheduled reconnect. */
    void disconnect();

    /** Closes with {@code code} (1000 or 3000-4999; others abort) and {@code reason}; codes other than 1000 and below 4500 reconnect automatically. */
    void disconnect(int code, String reason);

    /** Disconnects with 1000 and connects again at once. */
    void reconnect();

    /** Disconnects with {@code code} and {@code reason}, then connects again at once. */
    void reconnect(int code, String reason);

    /** Disconnects (1000) for good, cancels reconnection and ends every stream. Idempotent. */
    @Override
    void close();

    // ---- events ----

    /** The client's events of one kind, e.g. {@code listener(ClientEvents.CONNECT)}. */
    <E extends ClientEvent> ConsumableStream<E> listener(ClientEventKey<E> event);

    /** The client's events by SocketCluster name ({@code "connect"}, {@code "disconnect"}, ...). */
    ConsumableStream<ClientEvent> listener(String event);

    /** Consumers of {@code listener(event)} drain, then end. */
    void closeListener(ClientEventKey<?> event);

    /** Consumers of {@code listener(event)} end now, backlog dropped. */
    void killListener(ClientEventKey<?> event);

    /** The largest backlog of any consumer of any stream of this client. */
    int backpressure();

    // ---- messages ----

    /** Sends an event without data the server reads with {@code socket.receiver(event)}. */
    void transmit(String event);

    /**
     * Sends an event the server reads with {@code socket.receiver(event)}; {@code data} is anything
     * {@link Payload#of(Object)} accepts ({@link Payload#none()} for no data). Buffered while not open
     * (dropped if still buffered after the ack timeout); connects if closed.
     *
     * @throws OutboundOverflowException if {@link ClientOptions#outboundQueueLimit()} is reached
     */
    void transmit(String event, Object data);

    /** As {@link #transmit(String, Object)}, with its own limit for waiting in the outbound buffer. */
    void transmit(String event, Object data, Duration ackTimeout);

    /**
     * Calls {@code socket.procedure(event)} on the server with the default ack timeout. The future fails
     * with a {@link dev.switchboard.core.RemoteException} carrying the server's error name and fields, a
     * {@link ClientTimeoutException}, a {@link BadConnectionException} if the connection dropped first, or
     * an {@link OutboundOverflowException}.
     */
    CompletableFuture<Payload> invoke(String event, Object data);

    /** As {@link #invoke(String, Object)} with its own ack timeout. */
    CompletableFuture<Payload> invoke(String event, Object data, Duration ackTimeout);

    /** Blocking {@link #invoke(String, Object)}: returns the reply or throws the failure (unchecked). */
    Payload invokeAndWait(String event, Object data);

    /** Blocking {@link #invoke(String, Object, Duration)}. */
    Payload invokeAndWait(String event, Object data, Duration ackTimeout);

    /** Sends a raw text frame as it is, bypassing envelopes, batching and buffering. */
    void send(String frame);

    /** Events the server sends with {@code socket.transmit(event, data)}. */
    ConsumableStream<Payload> receiver(String event);

    /** Consumers of {@code receiver(event)} drain, then end. */
    void closeReceiver(String event);

    /** Consumers of {@code receiver(event)} end now, backlog dropped. */
    void killReceiver(String event);

    /** Calls the server makes with {@code socket.invoke(procedure, data)}; answer each {@link ClientRequest}. */
    ConsumableStream<ClientRequest> procedure(String procedure);

    /** Consumers of {@code procedure(procedure)} drain, then end. */
    void closeProcedure(String procedure);

    /** Consumers of {@code procedure(procedure)} end now, backlog dropped (those calls time out on the server). */
    void killProcedure(String procedure);

    // ---- batching ----

    /** Collects outbound messages and sends them as one JSON-array frame every {@link ClientOptions#batchInterval()}. */
    void startBatch();

    /** Sends what is batched now; keeps batching. */
    void flushBatch();

    /** Sends what is batched and stops batching. */
    void stopBatch();

    /** Whether outbound messages are being batched. */
    boolean isBatching();

    // ---- channels ----

    /** Subscribes with default options; see {@link #subscribe(String, SubscribeOptions)}. */
    ClientChannel subscribe(String channel);

    /**
     * Subscribes: the channel is {@link ChannelState#PENDING} until the server confirms; sent at once when
     * open (and authenticated, with {@code waitForAuth}), otherwise after the next handshake. Subscribing
     * to a known channel only replaces its options.
     */
    ClientChannel subscribe(String channel, SubscribeOptions options);

    /** Leaves {@code channel} at once locally, and tells the server if connected. */
    void unsubscribe(String channel);

    /** A handle on {@code channel}, subscribed or not. */
    ClientChannel channel(String channel);

    /** Subscribed channel names; with {@code includePending} also pending ones. */
    List<String> subscriptions(boolean includePending);

    /** Whether {@code channel} is subscribed (or, with {@code includePending}, pending). */
    boolean isSubscribed(String channel, boolean includePending);

    /** Sends pending subscriptions now; needed after each connect when {@link ClientOptions#autoSubscribeOnConnect()} is false. */
    void processPendingSubscriptions();

    /** Publishes to {@code channel} without waiting (a transmit of {@code #publish}). */
    void transmitPublish(String channel, Object data);

    /** Publishes to {@code channel}; completes once the server accepted the publication. */
    CompletableFuture<Payload> invokePublish(String channel, Object data);

    // ---- auth ----

    /**
     * Sends {@code signedToken} with {@code #authenticate}. If the server accepts it the client becomes
     * authenticated and saves it in the {@link AuthTokenStore}; if the server rejects it as bad the client
     * becomes unauthenticated and the future fails with the server's error; a timeout or lost connection
     * fails the future and keeps the auth state.
     */
    CompletableFuture<AuthStatus> authenticate(String signedToken);

    /**
     * Drops the token: removes it from the store, tells the server ({@code #removeAuthToken}) if
     * connected, becomes unauthenticated. Completes once the store removed it.
     */
    CompletableFuture<Void> deauthenticate();
}
