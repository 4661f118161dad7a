package dev.switchboard.client;

import dev.switchboard.client.ClientEvents.ClientEvent;
import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.ConsumableStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Package-private implementation of {@link SwitchboardClient}: SocketCluster client 20's state machine
 * ({@code clientsocket.js} + {@code transport.js}) over {@code java.net.http.WebSocket}.
 *
 * <p>This class only hands each call to the part of the client whose job it is (see {@link ClientCore}):
 * {@link ConnectionLifecycle} and {@link ConnectionOpener} (connecting, closing), {@link Reconnects},
 * {@link Handshake}, {@link Heartbeat} (pings), {@link OutboundBuffer} and {@link PendingCalls}
 * (transmits, invokes), {@link Batching}, {@link InboundDispatch} (receivers, procedures),
 * {@link ChannelSubscriptions} and {@link ClientAuth}. All of them share one lock, held only for short
 * non-blocking work; user futures are completed on virtual threads.
 */
final class DefaultClient implements SwitchboardClient {
    private final ClientCore core;

    DefaultClient(ClientOptions options) {
        this.core = new ClientCore(options);
    }

    // ---- state ----

    @Override
    public ClientOptions options() {
        return core.options;
    }

    @Override
    public ClientState state() {
        return core.locked(() -> core.state);
    }

    @Override
    public AuthState authState() {
        return core.auth.authState();
    }

    @Override
    public Optional<String> id() {
        return core.locked(() -> Optional.ofNullable(core.id));
    }

    @Override
    public Optional<Map<String, Object>> authToken() {
        return core.auth.authToken();
    }

    @Override
    public Optional<String> signedAuthToken() {
        return core.auth.signedAuthToken();
    }

    @Override
    public Duration pingTimeout() {
        return core.heartbeat.pingTimeout();
    }

    @Override
    public Optional<Duration> pendingReconnect() {
        return core.reconnects.pendingReconnect();
    }

    @Override
    public int connectAttempts() {
        return core.reconnects.connectAttempts();
    }

    // ---- connecting and disconnecting ----

    @Override
    public CompletableFuture<ClientEvents.Connect> connect() {
        return core.lifecycle.connect();
    }

    @Override
    public void disconnect() {
        disconnect(1000, "");
    }

    @Override
    public void disconnect(int code, String reason) {
        core.lifecycle.disconnect(code, reason);
    }

    @Override
    public void reconnect() {
        reconnect(1000, "");
    }

    @Override
    public void reconnect(int code, String reason) {
        core.lifecycle.reconnect(code, reason);
    }

    @Override
    public void close() {
        core.lifecycle.close();
    }

    // ---- outbound ----

    @Override
    public void transmit(String event) {
        transmit(event, Payload.none());
    }

    @Override
    public void transmit(String event, Object data) {
        transmit(event, data, core.options.ackTimeout());
    }

    @Override
    public void transmit(String event, Object data, Duration ackTimeout) {
        core.outbound.transmit(event, data, ackTimeout);
    }

    @Override
    public CompletableFuture<Payload> invoke(String event, Object data) {
        return invoke(event, data, core.options.ackTimeout());
    }

    @Override
    public CompletableFuture<Payload> invoke(String event, Object data, Duration ackTimeout) {
        return core.calls.invoke(event, data, ackTimeout);
    }

    @Override
    public Payload invokeAndWait(String event, Object data) {
        return PendingCalls.await(invoke(event, data));
    }

    @Override
    public Payload invokeAndWait(String event, Object data, Duration ackTimeout) {
        return PendingCalls.await(invoke(event, data, ackTimeout));
    }

    @Override
    public void send(String frame) {
        core.outbound.send(frame);
    }

    @Override
    public void startBatch() {
        core.batching.startBatch();
    }

    @Override
    public void flushBatch() {
        core.batching.flushBatch();
    }

    @Override
    public void stopBatch() {
        core.batching.stopBatch();
    }

    @Override
    public boolean isBatching() {
        return core.batching.isBatching();
    }

    // ---- receivers, procedures, listeners ----

    @Override
    public ConsumableStream<Payload> receiver(String event) {
        return core.inbound.receivers().stream(event);
    }

    @Override
    public void closeReceiver(String event) {
        core.inbound.receivers().close(event);
    }

    @Override
    public void killReceiver(String event) {
        core.inbound.receivers().kill(event);
    }

    @Override
    public ConsumableStream<ClientRequest> procedure(String procedure) {
        return core.inbound.procedures().stream(procedure);
    }

    @Override
    public void closeProcedure(String procedure) {
        core.inbound.procedures().close(procedure);
    }

    @Override
    public void killProcedure(String procedure) {
        core.inbound.procedures().kill(procedure);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E extends ClientEvent> ConsumableStream<E> listener(ClientEventKey<E> event) {
        Objects.requireNonNull(event, "event");
        // Only records of type E are ever emitted under this key's name (see ClientCore.emit), so the cast holds.
        return (ConsumableStream<E>) (ConsumableStream<?>) core.events.listener(event.name());
    }

    @Override
    public ConsumableStream<ClientEvent> listener(String event) {
        return core.events.listener(event);
    }

    @Override
    public void closeListener(ClientEventKey<?> event) {
        core.events.closeListener(event.name());
    }

    @Override
    public void killListener(ClientEventKey<?> event) {
        core.events.killListener(event.name());
    }

    @Override
    public int backpressure() {
        return Math.max(Math.max(core.events.allListenersBackpressure(), core.inbound.receivers().backpressureAll()),
                Math.max(core.inbound.procedures().backpressureAll(), core.channels.streams().backpressureAll()));
    }

    // ---- channels ----

    @Override
    public ClientChannel subscribe(String channel) {
        return subscribe(channel, SubscribeOptions.defaults());
    }

    @Override
    public ClientChannel subscribe(String channel, SubscribeOptions subscribeOptions) {
        return core.channels.subscribe(channel, subscribeOptions);
    }

    @Override
    public void unsubscribe(String channel) {
        core.channels.unsubscribe(channel);
    }

    @Override
    public ClientChannel channel(String channel) {
        return core.channels.channel(channel);
    }

    @Override
    public List<String> subscriptions(boolean includePending) {
        return core.channels.subscriptions(includePending);
    }

    @Override
    public boolean isSubscribed(String channel, boolean includePending) {
        return core.channels.isSubscribed(channel, includePending);
    }

    @Override
    public void processPendingSubscriptions() {
        core.channels.processPendingSubscriptions();
    }

    @Override
    public void transmitPublish(String channel, Object data) {
        core.channels.transmitPublish(channel, data);
    }

    @Override
    public CompletableFuture<Payload> invokePublish(String channel, Object data) {
        return core.channels.invokePublish(channel, data);
    }

    // ---- auth ----

    @Override
    public CompletableFuture<AuthStatus> authenticate(String token) {
        return core.auth.authenticate(token);
    }

    @Override
    public CompletableFuture<Void> deauthenticate() {
        return core.auth.deauthenticate();
    }

    @Override
    public String toString() {
        core.lock.lock();
        try {
            return "SwitchboardClient[" + core.options.uri() + ", " + core.state + (core.id == null ? "" : ", id="
                    + core.id) + ", " + core.auth.authState() + ", channels=" + core.channels.size() + "]";
        } finally {
            core.lock.unlock();
        }
    }
}
