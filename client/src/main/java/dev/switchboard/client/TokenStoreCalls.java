package dev.switchboard.client;

import dev.switchboard.core.internal.SerialExecutor;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Package-internal: the client's calls to its {@link AuthTokenStore}, one at a time on a serial
 * virtual-thread executor (a store may block), in the order the client made them. A failing store is
 * logged and reported as an {@code error} event; it never fails the connection.
 */
final class TokenStoreCalls {
    private static final Logger LOG = LoggerFactory.getLogger(TokenStoreCalls.class);

    private final ClientCore core;
    private final AuthTokenStore store;
    private final SerialExecutor storeCalls =
            new SerialExecutor(ClientThreads.VIRTUAL, failure -> { }); // store calls report their own failures

    TokenStoreCalls(ClientCore core) {
        this.core = core;
        this.store = core.options.authTokenStore().orElseGet(AuthTokenStore::inMemory);
    }

    /** Runs {@code task} after the store calls made before it. */
    void execute(Runnable task) {
        storeCalls.execute(task);
    }

    /** The stored token; called on the store's executor. */
    Optional<String> load() {
        Optional<String> token;
        try {
            token = store.load(core.options.authTokenName());
        } catch (Exception e) {
            LOG.warn("Auth token store failed to load {}", core.options.authTokenName(), e);
            core.emit(ClientEvents.ERROR, new ClientEvents.Failure(e));
            token = Optional.empty();
        }
        return token;
    }

    void save(String token) {
        storeCalls.execute(() -> {
            try {
                store.save(core.options.authTokenName(), token);
            } catch (Exception e) {
                LOG.warn("Auth token store failed to save {}", core.options.authTokenName(), e);
                core.emit(ClientEvents.ERROR, new ClientEvents.Failure(e));
            }
        });
    }

    /** Removes the stored token, then completes {@code done} (when not null). */
    void remove(CompletableFuture<Void> done) {
        storeCalls.execute(() -> {
            try {
                Optional<String> old = store.remove(core.options.authTokenName());
                core.emit(ClientEvents.REMOVE_AUTH_TOKEN, new ClientEvents.RemoveAuthToken(old));
                if (done != null) {
                    done.complete(null);
                }
            } catch (Exception e) {
                LOG.warn("Auth token store failed to remove {}", core.options.authTokenName(), e);
                core.emit(ClientEvents.ERROR, new ClientEvents.Failure(e));
                if (done != null) {
                    done.completeExceptionally(e);
                }
            }
        });
    }
}
