package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.protocol.sc.ScCodec;
import dev.switchboard.protocol.sc.ScPacket;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Interprets one socket's inbound frames, in order, on its mailbox thread: pongs, raw middleware,
 * the handshake, reserved events, and user transmits and calls.
 */
final class ScInbound {
    private final ScSocket socket;
    private final NettyServer server;
    private final String pong;

    private static final String USER_EVENT_PREFIX = "{\"event\":\"";
    private static final int INLINE_MAX_CHARS = 4096;

    ScInbound(ScSocket socket) {
        this.socket = socket;
        this.server = socket.server;
        this.pong = server.options().protocolVersion() == 1 ? "#2" : "";
    }

    void onFrame(String text) {
        if (socket.state() == SocketState.CLOSED) {
            return;
        }
        socket.emit(SocketEvents.MESSAGE, new SocketEvents.Message(socket, text));
        if (text.equals(pong)) {
            if (socket.state() == SocketState.CONNECTING && server.options().strictHandshake()) {
                beforeHandshake();
            } else if (socket.state() == SocketState.OPEN) {
                server.authFlow().checkExpiry(socket); // SocketCluster checks the token on every pong too,
                socket.takeExpiredError(); // but only an event's middleware action reports the expiry
            }
            return;
        }
        if (server.middlewares().has(MiddlewareType.INBOUND_RAW)) {
            ScAction action = server.middlewares().run(ScAction.forSocket(ActionType.MESSAGE, socket,
                    Optional.empty(), Optional.empty(), Payload.of(text)));
            if (!action.isAllowed()) {
                server.warn(Optional.of(socket), action.blockError());
                return;
            }
        }
        for (ScPacket packet : ScCodec.decode(text)) {
            if (socket.state() == SocketState.CLOSED) {
                return;
            }
            handle(packet);
        }
    }

    private void beforeHandshake() {
        socket.disconnect(CloseCodes.MESSAGE_BEFORE_HANDSHAKE, "Server received a message before the client handshake");
    }

    private void handle(ScPacket packet) {
        if (!(packet instanceof ScPacket.Event)
                && socket.state() == SocketState.CONNECTING && server.options().strictHandshake()) {
            beforeHandshake(); // replies and raw messages count as messages before the handshake too
            return;
        }
        switch (packet) {
            case ScPacket.Event event -> handleEvent(event);
            case ScPacket.Response response -> socket.calls.resolve(response);
            case ScPacket.Raw raw -> socket.emit(SocketEvents.RAW, Payload.of(raw.text()));
        }
    }

    private void handleEvent(ScPacket.Event e) {
        String name = e.event();
        if (socket.state() == SocketState.CONNECTING) {
            if (name.equals("#handshake")) {
                if (e.isCall()) {
                    server.authFlow().handshake(socket, e.data(), e.cid().getAsLong());
                } else {
                    socket.disconnect(CloseCodes.HANDSHAKE_REJECTED, "The #handshake packet must be an RPC with a cid");
                }
                return;
            }
            if (server.options().strictHandshake()) {
                beforeHandshake();
                return;
            }
        }
        switch (name) {
            case "#handshake" -> socket.replyError(e.cid(), BadConnection.invalidAction("The handshake was already completed"));
            case "#authenticate" -> {
                if (e.isCall()) {
                    server.authFlow().authenticate(socket, e.data(), e.cid().getAsLong());
                } else {
                    socket.disconnect(CloseCodes.HANDSHAKE_REJECTED, "The #authenticate packet must be an RPC with a cid");
                }
            }
            case "#removeAuthToken" -> server.authFlow().deauthenticate(socket, false);
            default -> {
                server.authFlow().checkExpiry(socket);
                switch (name) {
                    case "#subscribe" -> {
                        if (e.isCall()) {
                            new Subscriptions(socket).subscribe(e.data(), e.cid().getAsLong());
                        } else {
                            socket.receivers.write(name, e.data()); // SocketCluster only feeds it to the receiver
                        }
                    }
                    case "#unsubscribe" -> new Subscriptions(socket).unsubscribe(e.data(), e.cid());
                    case "#publish" -> new Subscriptions(socket).publish(e.data(), e.cid());
                    default -> userEvent(e);
                }
            }
        }
    }

    private void userEvent(ScPacket.Event e) {
        ActionType type = e.isCall() ? ActionType.INVOKE : ActionType.TRANSMIT;
        Payload data = e.data();
        if (server.middlewares().has(MiddlewareType.INBOUND)) {
            ScAction action = server.middlewares().run(ScAction.forSocket(type, socket, Optional.of(e.event()),
                    Optional.empty(), data));
            if (!action.isAllowed()) {
                server.warn(Optional.of(socket), action.blockError());
                socket.replyError(e.cid(), action.blockError());
                return;
            }
            data = action.outcomeData();
        } else {
            socket.takeExpiredError();
        }
        if (e.isCall()) {
            socket.procedures.write(e.event(), new ScRequest(socket, e.event(), data, e.cid().getAsLong()));
        } else {
            socket.receivers.write(e.event(), data);
        }
    }

    /**
     * Whether handling {@code text} runs no user code and never blocks, so it may run on the event loop
     * when the socket's mailbox is idle instead of costing a virtual-thread hand-off: the socket is open
     * and unauthenticated (no token expiry check calls the auth engine), and the frame is a pong, or a
     * small user event or call (not a {@code #} event) while no inbound middleware is installed. Such a
     * frame only feeds the socket's streams, which never block their writers; the consumers (user code)
     * run on their own threads. Bigger frames stay off the loop so parsing them never stalls other sockets.
     */
    boolean mayRunInline(String text) {
        if (socket.state() != SocketState.OPEN || socket.authToken().isPresent()) {
            return false;
        }
        if (text.equals(pong)) {
            return true;
        }
        return text.length() <= INLINE_MAX_CHARS
                && text.startsWith(USER_EVENT_PREFIX)
                && text.length() > USER_EVENT_PREFIX.length()
                && text.charAt(USER_EVENT_PREFIX.length()) != '#'
                && !server.middlewares().has(MiddlewareType.INBOUND_RAW)
                && !server.middlewares().has(MiddlewareType.INBOUND);
    }

    static Optional<String> stringField(Payload data, String field) {
        return data.value().orElse(null) instanceof Map<?, ?> m && m.get(field) instanceof String s
                ? Optional.of(s) : Optional.empty();
    }
}
