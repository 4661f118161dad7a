package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.protocol.sc.ScCodec;
import dev.switchboard.protocol.sc.ScPacket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Server-to-client invokes awaiting their reply: call ids, timeouts, and failure on disconnect. */
final class PendingCalls {
    private record Pending(CompletableFuture<Payload> future, ScheduledFuture<?> timer) {}

    private final SocketConnection connection;
    private final AtomicLong nextCid = new AtomicLong();
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();

    PendingCalls(SocketConnection connection) {
        this.connection = connection;
    }

    CompletableFuture<Payload> invoke(String procedure, Payload data, Duration timeout) {
        long cid = nextCid.incrementAndGet();
        CompletableFuture<Payload> future = new CompletableFuture<>();
        ScheduledFuture<?> timer = connection.eventLoop().schedule(() -> {
            Pending p = pending.remove(cid);
            if (p != null) {
                p.future().completeExceptionally(BadConnection.timeout(procedure));
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        pending.put(cid, new Pending(future, timer));
        connection.send(ScCodec.invoke(procedure, data, cid));
        return future;
    }

    /** Completes the call a reply answers; late or unknown replies are ignored. */
    void resolve(ScPacket.Response response) {
        Pending p = pending.remove(response.rid());
        if (p == null) {
            return;
        }
        p.timer().cancel(false);
        if (response.error().isPresent()) {
            p.future().completeExceptionally(response.error().get());
        } else {
            p.future().complete(response.data());
        }
    }

    /** {@code error} is built only if a call is pending: most sockets close with none, and it carries a stack trace. */
    void failAll(java.util.function.Supplier<RemoteException> error) {
        if (pending.isEmpty()) {
            return;
        }
        RemoteException failure = error.get();
        for (Long cid : pending.keySet()) {
            Pending p = pending.remove(cid);
            if (p != null) {
                p.timer().cancel(false);
                p.future().completeExceptionally(failure);
            }
        }
    }
}
