package dev.switchboard.client;

import dev.switchboard.core.RemoteException;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's answer to {@link SwitchboardClient#authenticate(String)}. Immutable and thread-safe.
 *
 * @param isAuthenticated whether the server accepted the token
 * @param authError       why not, when the server said so (e.g. a middleware block)
 */
public record AuthStatus(boolean isAuthenticated, Optional<RemoteException> authError) {
    public AuthStatus {
        Objects.requireNonNull(authError, "authError");
    }
}
