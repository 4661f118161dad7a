package dev.switchboard.protocol.sc;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** One decoded SocketCluster packet. */
public sealed interface ScPacket permits ScPacket.Event, ScPacket.Response, ScPacket.Raw {

    /** An event; a call (RPC) when it carries a numeric {@code cid}. */
    record Event(String event, Payload data, OptionalLong cid) implements ScPacket {
        public Event {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(cid, "cid");
        }

        public boolean isCall() {
            return cid.isPresent();
        }
    }

    /** A reply to an earlier call. */
    record Response(long rid, Payload data, Optional<RemoteException> error) implements ScPacket {
        public Response {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(error, "error");
        }
    }

    /** Anything that is not an envelope, as the text it arrived as. */
    record Raw(String text) implements ScPacket {
        public Raw {
            Objects.requireNonNull(text, "text");
        }
    }
}
