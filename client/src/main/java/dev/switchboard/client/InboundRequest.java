package dev.switchboard.client;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.protocol.sc.ScCodec;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** Package-internal: a server-to-client call, answered on the connection it came in on. */
final class InboundRequest implements ClientRequest {
    private final Connection conn;
    private final String procedure;
    private final Payload data;
    private final long cid;
    private final AtomicBoolean answered = new AtomicBoolean();

    InboundRequest(Connection conn, String procedure, Payload data, long cid) {
        this.conn = conn;
        this.procedure = procedure;
        this.data = data;
        this.cid = cid;
    }

    @Override
    public String procedure() {
        return procedure;
    }

    @Override
    public Payload data() {
        return data;
    }

    @Override
    public long id() {
        return cid;
    }

    @Override
    public void end() {
        answer(ScCodec.reply(cid, Payload.none()));
    }

    @Override
    public void end(Object value) {
        Payload payload = Payload.of(value);
        payload.json(); // fail here, before answering, if it cannot be encoded
        answer(ScCodec.reply(cid, payload));
    }

    @Override
    public void error(Throwable error) {
        answer(ScCodec.replyError(cid, RemoteException.from(Objects.requireNonNull(error, "error"))));
    }

    private void answer(String frame) {
        if (!answered.compareAndSet(false, true)) {
            throw new IllegalStateException("request " + procedure + " (cid " + cid + ") was already answered");
        }
        conn.send(frame);
    }

    @Override
    public boolean isAnswered() {
        return answered.get();
    }

    @Override
    public String toString() {
        return "ClientRequest[" + procedure + ", cid=" + cid + "]";
    }
}
