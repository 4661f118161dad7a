package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.SwitchboardException;
import dev.switchboard.protocol.sc.ScCodec;
import java.util.concurrent.atomic.AtomicBoolean;

/** A client's call, answered at most once. */
final class ScRequest implements Request {
    private final ScSocket socket;
    private final String procedure;
    private final Payload data;
    private final long cid;
    private final AtomicBoolean answered = new AtomicBoolean();

    ScRequest(ScSocket socket, String procedure, Payload data, long cid) {
        this.socket = socket;
        this.procedure = procedure;
        this.data = data;
        this.cid = cid;
    }

    @Override public ServerSocket socket() { return socket; }
    @Override public String procedure() { return procedure; }
    @Override public Payload data() { return data; }
    @Override public long id() { return cid; }
    @Override public boolean isAnswered() { return answered.get(); }

    @Override
    public void end() {
        answer();
        socket.connection.send(ScCodec.reply(cid, Payload.none()));
    }

    @Override
    public void end(Object result) {
        answer();
        socket.connection.send(ScCodec.reply(cid, Payload.of(result)));
    }

    @Override
    public void error(Throwable error) {
        answer();
        socket.connection.send(ScCodec.replyError(cid, RemoteException.from(error)));
    }

    private void answer() {
        if (!answered.compareAndSet(false, true)) {
            throw new SwitchboardException("Request " + cid + " for procedure '" + procedure + "' was already answered");
        }
    }
}
