package dev.switchboard.client;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.SwitchboardException;
import dev.switchboard.protocol.sc.ScCodec;
import dev.switchboard.protocol.sc.ScPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Package-internal: invokes awaiting their reply, by call id: a reply, the ack timeout or the end of the
 * connection completes each exactly once. Guarded by the client's lock; user futures are completed on
 * virtual threads.
 */
final class PendingCalls {
    private final ClientCore core;

    // ---- guarded by the lock ----
    private long nextCid = 1;
    private final HashMap<Long, Call> pending = new HashMap<>();

    PendingCalls(ClientCore core) {
        this.core = core;
    }

    CompletableFuture<Payload> invoke(String event, Object data, Duration ackTimeout) {
        Objects.requireNonNull(event, "event");
        OptionChecks.checkDuration("ackTimeout", ackTimeout, false);
        CompletableFuture<Payload> future = new CompletableFuture<>();
        Payload payload;
        try {
            payload = OutboundBuffer.encoded(data);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            return future;
        }
        try {
            core.outbound.call(event, payload, ackTimeout, new ReplyHandler() {
                @Override
                public void onReply(Payload reply) {
                    ClientThreads.complete(future, reply);
                }

                @Override
                public void onError(RemoteException error) {
                    ClientThreads.fail(future, error);
                }
            });
        } catch (OutboundOverflowException | IllegalStateException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwitchboardException("interrupted while waiting for a reply", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new SwitchboardException(String.valueOf(cause), cause);
        }
    }

    /** Gives {@code call} the next call id and awaits its reply. */
    void register(Call call) {
        long cid = nextCid++;
        call.cid = cid;
        pending.put(cid, call);
    }

    /** Registers {@code call} and sends it on {@code conn}. */
    void send(Connection conn, Call call) {
        register(call);
        conn.send(ScCodec.invoke(call.event, call.data, call.cid));
    }

    /** Fails {@code call} with a {@link ClientTimeoutException} after {@code ackTimeout}, unless done by then. */
    void startTimer(Call call, Duration ackTimeout) {
        call.timer = ClientThreads.schedule(() -> onCallTimeout(call), ackTimeout.toMillis());
    }

    void onResponse(ScPacket.Response response) {
        Call call = pending.remove(response.rid());
        if (call == null || call.done) {
            return; // late or unknown rid
        }
        call.done = true;
        ClientThreads.cancel(call.timer);
        if (call.handler == null) {
            return;
        }
        if (response.error().isPresent()) {
            call.handler.onError(response.error().get());
        } else {
            call.handler.onReply(response.data());
        }
    }

    private void onCallTimeout(Call call) {
        core.lock.lock();
        try {
            if (call.done) {
                return;
            }
            call.done = true;
            if (call.cid != 0) {
                pending.remove(call.cid);
            } else {
                core.outbound.remove(call);
            }
            if (call.handler != null) {
                call.handler.onError(new ClientTimeoutException("Event response for " + call.event + " event timed out"));
            }
        } finally {
            core.lock.unlock();
        }
    }

    /** Forgets the call {@code cid} without completing it (an unsubscribe overtook its subscribe). */
    void cancel(long cid) {
        Call call = pending.remove(cid);
        if (call != null) {
            call.done = true;
        }
    }

    /** Fails every pending and buffered call with a {@link BadConnectionException}: the connection ended. */
    void abortAll(String type, int code, String why) {
        List<Call> aborted = new ArrayList<>(pending.values());
        pending.clear();
        core.outbound.drainTo(aborted);
        for (Call call : aborted) {
            ClientThreads.cancel(call.timer);
            if (!call.done) {
                call.done = true;
                if (call.handler != null) {
                    call.handler.onError(new BadConnectionException("Event " + call.event
                            + " was aborted due to a bad connection", type, code, why));
                }
            }
        }
    }
}
