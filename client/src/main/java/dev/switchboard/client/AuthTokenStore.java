package dev.switchboard.client;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps the signed JWT between connections, as SocketCluster's {@code authEngine}. The client loads the
 * token before every handshake, saves the one the server sends with {@code #setAuthToken} (or that
 * {@code authenticate} confirmed), and removes it on {@code #removeAuthToken} or {@code deauthenticate()}.
 *
 * <p><b>Threading.</b> The client never calls a store from the WebSocket's callback threads: it calls it
 * from its own virtual threads, one call at a time per client, in order. A store shared by several
 * clients must be thread-safe (both built-in stores are). Calls may block briefly (file I/O); a store
 * that throws makes the client emit an {@code error} event and, for {@link #load}, connect without a token.
 */
public interface AuthTokenStore {

    /** The token saved under {@code name}, if any. */
    Optional<String> load(String name) throws Exception;

    /** Saves {@code token} under {@code name}, replacing any previous one. */
    void save(String name, String token) throws Exception;

    /** Removes the token saved under {@code name}; returns it if there was one. */
    Optional<String> remove(String name) throws Exception;

    /** A store in memory, lost with the JVM (the default: one per client unless configured). */
    static AuthTokenStore inMemory() {
        return new InMemoryAuthTokenStore();
    }

    /**
     * A store in a properties file (created on first save, written atomically, owner-only permissions
     * where the file system supports them). Stores on the same file within one JVM share a lock.
     */
    static AuthTokenStore file(Path file) {
        return new FileAuthTokenStore(file);
    }
}
