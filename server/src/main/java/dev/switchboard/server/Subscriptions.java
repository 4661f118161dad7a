package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;

/** A socket's {@code #subscribe}, {@code #unsubscribe} and {@code #publish} handling. */
final class Subscriptions {
    private final ScSocket socket;
    private final NettyServer server;

    Subscriptions(ScSocket socket) {
        this.socket = socket;
        this.server = socket.server;
    }

    void subscribe(Payload data, long cid) {
        OptionalLong rid = OptionalLong.of(cid);
        Optional<String> channel = ScInbound.stringField(data, "channel");
        if (channel.isEmpty()) {
            socket.replyError(rid, BadConnection.invalidAction(
                    "Socket " + socket.id() + " provided a malformat channel payload"));
            return;
        }
        String name = channel.get();
        if (reserved(name)) {
            socket.replyError(rid, BadConnection.invalidAction("Channel " + name + " is reserved for Socket.IO rooms"));
            return;
        }
        Payload options = options(data);
        ScAction action = server.middlewares().run(ScAction.forSocket(ActionType.SUBSCRIBE, socket,
                Optional.empty(), channel, data.field("data").orElse(Payload.none())));
        if (!action.isAllowed()) {
            server.warn(Optional.of(socket), action.blockError());
            socket.replyError(rid, action.blockError());
            return;
        }
        if (socket.state() != SocketState.OPEN) {
            socket.replyError(rid, BadConnection.invalidAction("Socket " + socket.id() + " is not open"));
            return;
        }
        if (socket.channels.contains(name)) {
            socket.reply(rid, Payload.none());
            return;
        }
        if (socket.channels.size() >= server.options().socketChannelLimit()) {
            socket.replyError(rid, failed(name, "Socket " + socket.id()
                    + " tried to exceed the channel subscription limit of " + server.options().socketChannelLimit()));
            return;
        }
        socket.channels.add(name);
        try {
            server.hub().subscribe(name, socket).join();
        } catch (CompletionException e) {
            socket.channels.remove(name);
            server.hub().unsubscribe(name, socket);
            socket.replyError(rid, failed(name, String.valueOf(e.getCause().getMessage())));
            return;
        }
        if (socket.state() == SocketState.CLOSED) {
            socket.unsubscribe(name);
            return;
        }
        socket.emit(SocketEvents.SUBSCRIBE, new ServerEvents.Subscription(socket, name, options));
        server.emit(ServerEvents.SUBSCRIPTION, new ServerEvents.Subscription(socket, name, options));
        socket.reply(rid, Payload.none());
    }

    /** Socket.IO namespaces travel on {@code #sio...} channels; SocketCluster clients may not touch them. */
    static boolean reserved(String channel) {
        return channel.startsWith(SioNamespaceImpl.CHANNEL_PREFIX);
    }

    private static RemoteException failed(String channel, String why) {
        return BadConnection.brokerError("Failed to subscribe socket to the " + channel + " channel - " + why);
    }

    /** The subscribe data minus the channel name, as SocketCluster reports it. */
    private static Payload options(Payload data) {
        if (data.value().orElse(null) instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!"channel".equals(k) && v != null) {
                    copy.put(String.valueOf(k), v);
                }
            });
            return Payload.of(copy);
        }
        return Payload.none();
    }

    void unsubscribe(Payload data, OptionalLong cid) {
        Object value = data.value().orElse(null);
        if (!(value instanceof String channel)) {
            socket.replyError(cid, BadConnection.invalidAction(
                    "Socket " + socket.id() + " provided a malformat channel payload"));
            return;
        }
        if (socket.unsubscribe(channel)) {
            socket.reply(cid, Payload.none());
        } else {
            RemoteException error = BadConnection.brokerError(
                    "Failed to unsubscribe socket from the " + channel + " channel - not subscribed");
            server.warn(Optional.of(socket), error);
            socket.replyError(cid, error);
        }
    }

    void publish(Payload data, OptionalLong cid) {
        if (!server.options().allowClientPublish()) {
            socket.replyError(cid, BadConnection.invalidAction("Client publish feature is disabled"));
            return;
        }
        Optional<String> channel = ScInbound.stringField(data, "channel");
        if (channel.isEmpty()) {
            socket.replyError(cid, BadConnection.invalidAction(
                    "Socket " + socket.id() + " provided a malformat channel payload"));
            return;
        }
        if (reserved(channel.get())) {
            socket.replyError(cid, BadConnection.invalidAction("Channel " + channel.get() + " is reserved for Socket.IO rooms"));
            return;
        }
        Payload body = data.field("data").orElse(Payload.none());
        ScAction action = server.middlewares().run(ScAction.forSocket(ActionType.PUBLISH_IN, socket,
                Optional.empty(), channel, body));
        if (!action.isAllowed()) {
            server.warn(Optional.of(socket), action.blockError());
            socket.replyError(cid, action.blockError());
            return;
        }
        server.hub().publish(channel.get(), action.outcomeData()).whenComplete((v, error) -> {
            if (error == null) {
                socket.reply(cid, Payload.none());
            } else {
                RemoteException failure = BadConnection.brokerError(String.valueOf(error.getMessage()));
                server.warn(Optional.of(socket), failure);
                socket.replyError(cid, failure);
            }
        });
    }
}
