package dev.switchboard.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The acknowledgements of one broadcast across nodes, counted as socket.io's broadcast operator does:
 * complete once the number of nodes is known, every node reported how many clients it emitted to, and
 * that many acknowledgements arrived. At the deadline the broadcast fails with {@link
 * AckTimeoutException} holding what arrived.
 */
final class SioClusterAcks {
    private final ReentrantLock lock = new ReentrantLock();
    private final CompletableFuture<List<EventArgs>> result = new CompletableFuture<>();
    private final List<EventArgs> responses = new ArrayList<>();
    private int expectedServers = -1;
    private int reportedServers;
    private int expectedClients;

    SioClusterAcks(Duration deadline, Runnable cleanup) {
        result.whenComplete((v, e) -> cleanup.run());
        CompletableFuture.delayedExecutor(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> result.completeExceptionally(new AckTimeoutException(snapshot())));
    }

    CompletableFuture<List<EventArgs>> result() {
        return result;
    }

    /** One node (this one included) emitted to {@code clients} sockets. */
    void clientCount(int clients) {
        update(() -> {
            reportedServers++;
            expectedClients += clients;
        });
    }

    void serverCount(int servers) {
        update(() -> expectedServers = servers);
    }

    void ack(EventArgs args) {
        update(() -> responses.add(args));
    }

    void fail(Throwable error) {
        result.completeExceptionally(error);
    }

    private void update(Runnable change) {
        List<EventArgs> done = null;
        lock.lock();
        try {
            change.run();
            if (expectedServers >= 0 && reportedServers >= expectedServers && responses.size() >= expectedClients) {
                done = List.copyOf(responses);
            }
        } finally {
            lock.unlock();
        }
        if (done != null) {
            result.complete(done);
        }
    }

    private List<EventArgs> snapshot() {
        lock.lock();
        try {
            return List.copyOf(responses);
        } finally {
            lock.unlock();
        }
    }
}
