package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.protocol.sio.SioDecoder;
import dev.switchboard.protocol.sio.SioEncoded;
import dev.switchboard.protocol.sio.SioEncoder;
import dev.switchboard.protocol.sio.SioPacket;
import dev.switchboard.protocol.sio.SioPacketType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Socket.IO layer of one Engine.IO session: decodes packets, routes them to the namespace sockets
 * multiplexed on the session, and encodes what those sockets send. Inbound methods run on the
 * session's mailbox, so packets are handled one at a time, in order.
 */
final class SioConnection {
    /** Namespaces one connection may join, plus CONNECTs it had refused; more is treated as abuse. */
    static final int MAX_NAMESPACES = 100;

    final SocketIoImpl io;
    final EioSession session;
    private final SioDecoder decoder;
    private final Map<String, SioSocketImpl> sockets = new ConcurrentHashMap<>();
    private volatile boolean everConnected;
    private int refusedConnects; // mailbox-confined
    private boolean refused; // mailbox-confined: closed for a protocol violation
    private ScheduledFuture<?> connectTimer;

    SioConnection(SocketIoImpl io, EioSession session) {
        this.io = io;
        this.session = session;
        this.decoder = new SioDecoder(io.options().maxAttachments());
    }

    void start() {
        connectTimer = session.loop.schedule(() -> {
            if (!everConnected) {
                session.close("forced server close");
            }
        }, io.options().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    void onText(String text) {
        if (refused) {
            return;
        }
        Optional<SioPacket> packet;
        try {
            packet = decoder.decodeText(text);
        } catch (RuntimeException malformed) {
            refuse("parse error");
            return;
        }
        packet.ifPresent(this::dispatch);
    }

    void onBinary(byte[] data) {
        if (refused) {
            return;
        }
        Optional<SioPacket> packet;
        try {
            packet = decoder.decodeBinary(data);
        } catch (RuntimeException malformed) {
            refuse("parse error");
            return;
        }
        packet.ifPresent(this::dispatch);
    }

    /**
     * Closes the connection for a protocol violation. Packets that arrived with the bad one (later in
     * the same POST, say) are not handled any more, as in socket.io, which drops them once closed.
     */
    private void refuse(String reason) {
        refused = true;
        session.close(reason);
    }

    private void dispatch(SioPacket packet) {
        String nsp = packet.namespace();
        if (packet.type() == SioPacketType.CONNECT) {
            // refused CONNECTs count too: a flood of unknown or refused namespaces is abuse as well
            if (sockets.containsKey(nsp) || sockets.size() + refusedConnects >= MAX_NAMESPACES) {
                refuse("forced close");
                return;
            }
            Optional<SioNamespaceImpl> namespace = io.lookup(nsp);
            if (namespace.isEmpty()) {
                refusedConnects++;
                send(SioPacket.connectError(nsp, "Invalid namespace", Optional.empty()));
                return;
            }
            Payload auth = packet.data().map(Payload::of).orElse(Payload.of(Map.of()));
            if (!namespace.get().connect(this, auth)) {
                refusedConnects++;
            }
            return;
        }
        SioSocketImpl socket = sockets.get(nsp);
        if (socket == null) {
            refuse("forced close"); // a packet for a namespace this connection has not joined
            return;
        }
        switch (packet.type()) {
            case EVENT, BINARY_EVENT -> socket.onEvent(packet);
            case ACK, BINARY_ACK -> socket.onAck(packet);
            case DISCONNECT -> socket.close("client namespace disconnect", false);
            default -> refuse("forced close"); // CONNECT_ERROR is server-to-client only
        }
    }

    void joined(SioSocketImpl socket) {
        everConnected = true;
        if (connectTimer != null) {
            connectTimer.cancel(false);
        }
        sockets.put(socket.namespace().name(), socket);
    }

    void left(SioSocketImpl socket) {
        sockets.remove(socket.namespace().name(), socket);
    }

    List<SioSocketImpl> sockets() {
        return List.copyOf(sockets.values());
    }

    /** The session moved to WebSocket: its sockets' rooms may now hand broadcasts to it directly. */
    void transportChanged() {
        for (SioSocketImpl socket : sockets()) {
            socket.refreshRooms();
        }
    }

    void send(SioPacket packet) {
        SioEncoded encoded = SioEncoder.encode(packet);
        session.send("4" + encoded.text());
        for (byte[] attachment : encoded.attachments()) {
            session.sendBinary(attachment);
        }
    }

    /** The session ended: every socket on it disconnects with the session's reason. */
    void onClose(String reason) {
        if (connectTimer != null) {
            connectTimer.cancel(false);
        }
        for (SioSocketImpl socket : sockets()) {
            socket.close(reason, false);
        }
    }
}
