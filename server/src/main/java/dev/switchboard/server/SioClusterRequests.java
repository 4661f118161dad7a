package dev.switchboard.server;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The cluster requests of one namespace that wait for answers from other nodes: each completes when the
 * expected number of nodes answered, and fails at its deadline otherwise (or at once when it could not be
 * sent), so no caller waits longer than the request timeout.
 */
final class SioClusterRequests {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    /** A request id like socket.io's {@code uid2(6)}: six random letters and digits. */
    static String newId() {
        char[] id = new char[6];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    /**
     * Waits for {@code answers} responses to {@code requestId}. {@code extract} turns a response into the
     * elements it contributes, or {@code null} to ignore it; {@code onTimeout} builds the failure from the
     * elements gathered so far.
     */
    CompletableFuture<List<Object>> expect(String requestId, int answers, Duration timeout,
            Function<Map<String, Object>, List<Object>> extract, Function<List<Object>, Throwable> onTimeout) {
        Pending request = new Pending(answers, extract);
        pending.put(requestId, request);
        request.result.whenComplete((v, e) -> pending.remove(requestId, request));
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> request.result.completeExceptionally(onTimeout.apply(request.snapshot())));
        return request.result;
    }

    void accept(String requestId, Map<String, Object> response) {
        Pending request = pending.get(requestId);
        if (request != null) {
            request.accept(response);
        }
    }

    void fail(String requestId, Throwable error) {
        Pending request = pending.remove(requestId);
        if (request != null) {
            request.result.completeExceptionally(error);
        }
    }

    void failAll(Throwable error) {
        for (String id : List.copyOf(pending.keySet())) {
            fail(id, error);
        }
    }

    private static final class Pending {
        final CompletableFuture<List<Object>> result = new CompletableFuture<>();
        final int expected;
        final Function<Map<String, Object>, List<Object>> extract;
        final ReentrantLock lock = new ReentrantLock();
        final List<Object> gathered = new ArrayList<>();
        int answered;

        Pending(int expected, Function<Map<String, Object>, List<Object>> extract) {
            this.expected = expected;
            this.extract = extract;
        }

        void accept(Map<String, Object> response) {
            List<Object> elements = extract.apply(response);
            if (elements == null) {
                return;
            }
            List<Object> done = null;
            lock.lock();
            try {
                gathered.addAll(elements);
                if (++answered == expected) {
                    done = new ArrayList<>(gathered);
                }
            } finally {
                lock.unlock();
            }
            if (done != null) {
                result.complete(java.util.Collections.unmodifiableList(done));
            }
        }

        List<Object> snapshot() {
            lock.lock();
            try {
                return new ArrayList<>(gathered);
            } finally {
                lock.unlock();
            }
        }
    }
}
