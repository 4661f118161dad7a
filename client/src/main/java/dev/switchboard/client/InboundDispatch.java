package dev.switchboard.client;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.stream.StreamDemux;
import dev.switchboard.protocol.sc.ScCodec;
import dev.switchboard.protocol.sc.ScPacket;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Package-internal: inbound frames of the current connection, decoded and dispatched under the client's
 * lock: pings, replies to pending calls, the server's auth and channel events, and everything else to
 * the {@code receiver} (transmits) and {@code procedure} (calls) streams.
 */
final class InboundDispatch {
    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatch.class);

    private final ClientCore core;
    private final StreamDemux<Payload> receivers = StreamDemux.create();
    private final StreamDemux<ClientRequest> procedures = StreamDemux.create();

    InboundDispatch(ClientCore core) {
        this.core = core;
    }

    void onFrame(Connection conn, String text) {
        core.lock.lock();
        try {
            if (conn.closed || conn != core.connection) {
                return;
            }
            core.emit(ClientEvents.MESSAGE, new ClientEvents.Message(text));
            if (core.heartbeat.onPing(conn, text)) {
                return;
            }
            for (ScPacket packet : ScCodec.decode(text)) {
                if (conn.closed) {
                    return;
                }
                switch (packet) {
                    case ScPacket.Event event -> onEvent(conn, event);
                    case ScPacket.Response response -> core.calls.onResponse(response);
                    case ScPacket.Raw raw -> core.emit(ClientEvents.RAW, new ClientEvents.Message(raw.text()));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Failed to process a frame from {}", core.options.uri(), e);
            core.emit(ClientEvents.ERROR, new ClientEvents.Failure(e));
        } finally {
            core.lock.unlock();
        }
    }

    private void onEvent(Connection conn, ScPacket.Event event) {
        String name = event.event();
        Payload data = event.data();
        if (event.isCall()) {
            long cid = event.cid().getAsLong();
            switch (name) {
                case "#setAuthToken" -> {
                    Optional<String> token = data.field("token").flatMap(t -> t.value())
                            .filter(String.class::isInstance).map(String.class::cast);
                    if (token.isPresent()) {
                        core.auth.setAuthTokenFromServer(token.get());
                        conn.send(ScCodec.reply(cid, Payload.none()));
                    } else {
                        conn.send(ScCodec.replyError(cid, RemoteException.of("InvalidMessageError",
                                "No token data provided by #setAuthToken event")));
                    }
                }
                case "#removeAuthToken" -> {
                    core.auth.removeAuthTokenFromServer();
                    conn.send(ScCodec.reply(cid, Payload.none()));
                }
                default -> procedures.write(name, new InboundRequest(conn, name, data, cid));
            }
            return;
        }
        switch (name) {
            case "#publish" -> core.channels.onPublish(data);
            case "#kickOut" -> core.channels.onKickOut(data);
            case "#setAuthToken" -> data.field("token").flatMap(t -> t.value())
                    .filter(String.class::isInstance).map(String.class::cast)
                    .ifPresent(core.auth::setAuthTokenFromServer);
            case "#removeAuthToken" -> core.auth.removeAuthTokenFromServer();
            default -> receivers.write(name, data);
        }
    }

    /** The server's transmits, by event name. */
    StreamDemux<Payload> receivers() {
        return receivers;
    }

    /** The server's calls, by procedure name. */
    StreamDemux<ClientRequest> procedures() {
        return procedures;
    }

    void closeAll() {
        receivers.closeAll();
        procedures.closeAll();
    }
}
