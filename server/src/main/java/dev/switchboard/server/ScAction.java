package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.SwitchboardException;
import java.util.Map;
import java.util.Optional;

/** The {@link Action} the pipeline hands to a middleware, recording the one decision made on it. */
final class ScAction implements Action {
    private final ActionType type;
    private final Optional<ServerSocket> socket;
    private final HandshakeRequest request;
    private final Optional<String> event;
    private final Optional<String> channel;
    private final Payload data;
    private final Optional<Map<String, Object>> authToken;
    private final Optional<String> signedAuthToken;
    private final Optional<RemoteException> expired;

    private volatile boolean decided;
    private volatile boolean allowed;
    private volatile Payload outcomeData;
    private volatile RemoteException blockError;

    ScAction(ActionType type, Optional<ServerSocket> socket, HandshakeRequest request, Optional<String> event,
            Optional<String> channel, Payload data, Optional<Map<String, Object>> authToken,
            Optional<String> signedAuthToken, Optional<RemoteException> expired) {
        this.type = type;
        this.socket = socket;
        this.request = request;
        this.event = event;
        this.channel = channel;
        this.data = data;
        this.outcomeData = data;
        this.authToken = authToken;
        this.signedAuthToken = signedAuthToken;
        this.expired = expired;
    }

    static ScAction forSocket(ActionType type, ScSocket socket, Optional<String> event, Optional<String> channel,
            Payload data) {
        return new ScAction(type, Optional.of(socket), socket.request(), event, channel, data, socket.authToken(),
                socket.signedAuthToken(), socket.takeExpiredError());
    }

    @Override public ActionType type() { return type; }
    @Override public Optional<ServerSocket> socket() { return socket; }
    @Override public HandshakeRequest request() { return request; }
    @Override public Optional<String> event() { return event; }
    @Override public Optional<String> channel() { return channel; }
    @Override public Payload data() { return data; }
    @Override public Optional<Map<String, Object>> authToken() { return authToken; }
    @Override public Optional<String> signedAuthToken() { return signedAuthToken; }
    @Override public Optional<RemoteException> authTokenExpiredError() { return expired; }

    @Override
    public void allow() {
        decide(true, data, null);
    }

    @Override
    public void allow(Object newData) {
        decide(true, Payload.of(newData), null);
    }

    @Override
    public void block(Throwable error) {
        decide(false, data, RemoteException.from(error));
    }

    @Override
    public void block() {
        decide(false, data, silentBlock());
    }

    private synchronized void decide(boolean allow, Payload newData, RemoteException error) {
        if (decided) {
            throw new SwitchboardException("The " + type.wireName() + " action was already "
                    + (allowed ? "allowed" : "blocked") + "; a middleware decides once");
        }
        decided = true;
        allowed = allow;
        outcomeData = newData;
        blockError = error;
    }

    RemoteException silentBlock() {
        return RemoteException.of("SilentMiddlewareBlockedError", "The " + type.wireName()
                + " AGAction was blocked by " + type.middlewareType().name().toLowerCase(java.util.Locale.ROOT)
                + " middleware").with("type", type.middlewareType().name().toLowerCase(java.util.Locale.ROOT));
    }

    boolean isDecided() {
        return decided;
    }

    boolean isAllowed() {
        return allowed;
    }

    Payload outcomeData() {
        return outcomeData;
    }

    RemoteException blockError() {
        return blockError;
    }
}
