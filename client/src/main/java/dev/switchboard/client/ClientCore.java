package dev.switchboard.client;

import dev.switchboard.client.ClientEvents.ClientEvent;
import dev.switchboard.core.stream.StreamEmitter;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Package-internal: what the parts of one {@link DefaultClient} share. SocketCluster client 20's state
 * machine ({@code clientsocket.js} + {@code transport.js}) is split into parts named for their job; they
 * reach each other through this object.
 *
 * <p>All state of every part is guarded by the one {@link #lock}, held only for short non-blocking work:
 * no I/O wait, no user code. Events are emitted and replies written under it, so they keep their order;
 * user futures are completed on virtual threads ({@link ClientThreads#complete}); token stores run on a
 * serial virtual-thread executor ({@link TokenStoreCalls}).
 */
final class ClientCore {
    final ClientOptions options;
    final ReentrantLock lock = new ReentrantLock();
    final StreamEmitter<ClientEvent> events = StreamEmitter.create();

    final TokenStoreCalls tokens;
    final ClientAuth auth;
    final ConnectionLifecycle lifecycle;
    final ConnectionOpener opener;
    final Handshake handshake;
    final Reconnects reconnects;
    final Heartbeat heartbeat;
    final OutboundBuffer outbound;
    final PendingCalls calls;
    final Batching batching;
    final InboundDispatch inbound;
    final ChannelSubscriptions channels;

    // ---- guarded by lock ----
    ClientState state = ClientState.CLOSED;
    String id;
    Connection connection;
    boolean terminated;

    ClientCore(ClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        // The parts only keep this reference; none calls another before the client is built.
        this.tokens = new TokenStoreCalls(this);
        this.auth = new ClientAuth(this);
        this.lifecycle = new ConnectionLifecycle(this);
        this.opener = new ConnectionOpener(this);
        this.handshake = new Handshake(this);
        this.reconnects = new Reconnects(this);
        this.heartbeat = new Heartbeat(this);
        this.outbound = new OutboundBuffer(this);
        this.calls = new PendingCalls(this);
        this.batching = new Batching(this);
        this.inbound = new InboundDispatch(this);
        this.channels = new ChannelSubscriptions(this);
    }

    <E extends ClientEvent> void emit(ClientEventKey<E> key, E event) {
        events.emit(key.name(), event);
    }

    /** What {@code read} returns, read under the lock. */
    <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    void checkNotTerminated() {
        if (terminated) {
            throw new IllegalStateException("the client was closed");
        }
    }
}
