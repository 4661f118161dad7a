package dev.switchboard.client;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Package-internal: the client's authentication state and the JWT it holds: {@code authenticate},
 * {@code deauthenticate}, and the server's {@code #setAuthToken}/{@code #removeAuthToken}. Guarded by
 * the client's lock; the store is written through {@link TokenStoreCalls}.
 */
final class ClientAuth {
    private static final Logger LOG = LoggerFactory.getLogger(ClientAuth.class);

    private final ClientCore core;

    // ---- guarded by the lock ----
    private AuthState authState = AuthState.UNAUTHENTICATED;
    private String signedAuthToken;
    private Map<String, Object> authToken;

    ClientAuth(ClientCore core) {
        this.core = core;
    }

    AuthState authState() {
        return core.locked(() -> authState);
    }

    Optional<Map<String, Object>> authToken() {
        return core.locked(() -> Optional.ofNullable(authToken));
    }

    Optional<String> signedAuthToken() {
        return core.locked(() -> Optional.ofNullable(signedAuthToken));
    }

    /** The state without taking the lock; the caller holds it. */
    boolean isAuthenticated() {
        return authState == AuthState.AUTHENTICATED;
    }

    CompletableFuture<AuthStatus> authenticate(String token) {
        Objects.requireNonNull(token, "token");
        CompletableFuture<AuthStatus> future = new CompletableFuture<>();
        try {
            core.outbound.call("#authenticate", Payload.of(token), core.options.ackTimeout(), new ReplyHandler() {
                @Override
                public void onReply(Payload data) {
                    Map<?, ?> status = data.value().orElse(null) instanceof Map<?, ?> m ? m : null;
                    boolean isAuthenticated;
                    Optional<RemoteException> authError = Optional.empty();
                    if (status != null && status.get("isAuthenticated") instanceof Boolean b) {
                        isAuthenticated = b;
                        if (status.get("authError") instanceof Map<?, ?> err) {
                            authError = Optional.of(RemoteException.fromPayload(Payload.of(err)));
                        }
                    } else {
                        isAuthenticated = authState == AuthState.AUTHENTICATED;
                    }
                    if (isAuthenticated) {
                        changeToAuthenticated(token);
                        core.tokens.save(token);
                    } else {
                        changeToUnauthenticated();
                    }
                    ClientThreads.complete(future, new AuthStatus(isAuthenticated, authError));
                }

                @Override
                public void onError(RemoteException error) {
                    if (!(error instanceof BadConnectionException) && !(error instanceof ClientTimeoutException)) {
                        changeToUnauthenticated();
                    }
                    ClientThreads.fail(future, error);
                }
            });
        } catch (OutboundOverflowException | IllegalStateException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    CompletableFuture<Void> deauthenticate() {
        CompletableFuture<Void> removed = new CompletableFuture<>();
        core.lock.lock();
        try {
            core.tokens.remove(removed);
            if (core.state != ClientState.CLOSED) {
                try {
                    core.outbound.transmit("#removeAuthToken", Payload.none(), core.options.ackTimeout());
                } catch (OutboundOverflowException e) {
                    LOG.warn("Could not tell the server about deauthenticate(): {}", e.getMessage());
                }
            }
            changeToUnauthenticated();
        } finally {
            core.lock.unlock();
        }
        CompletableFuture<Void> view = new CompletableFuture<>();
        removed.whenComplete((v, e) -> ClientThreads.VIRTUAL.execute(() -> {
            if (e != null) {
                view.completeExceptionally(e);
            } else {
                view.complete(null);
            }
        }));
        return view;
    }

    /** The server's {@code #setAuthToken}. */
    void setAuthTokenFromServer(String token) {
        changeToAuthenticated(token);
        core.tokens.save(token);
    }

    /** The server's {@code #removeAuthToken}. */
    void removeAuthTokenFromServer() {
        core.tokens.remove(null);
        changeToUnauthenticated();
    }

    void changeToAuthenticated(String token) {
        signedAuthToken = token;
        authToken = Jwt.claims(token).orElse(null);
        Map<String, Object> claims = authToken == null ? Map.of() : authToken;
        if (authState != AuthState.AUTHENTICATED) {
            AuthState old = authState;
            authState = AuthState.AUTHENTICATED;
            if (!core.channels.isPreparingPending()) {
                core.channels.processPendingSubscriptionsLocked();
            }
            core.emit(ClientEvents.AUTH_STATE_CHANGE, new ClientEvents.AuthStateChange(old, AuthState.AUTHENTICATED,
                    Optional.of(token), Optional.ofNullable(authToken)));
        }
        core.emit(ClientEvents.AUTHENTICATE, new ClientEvents.Authenticate(token, claims));
    }

    void changeToUnauthenticated() {
        if (authState != AuthState.UNAUTHENTICATED) {
            AuthState old = authState;
            Optional<String> oldSigned = Optional.ofNullable(signedAuthToken);
            Optional<Map<String, Object>> oldClaims = Optional.ofNullable(authToken);
            authState = AuthState.UNAUTHENTICATED;
            signedAuthToken = null;
            authToken = null;
            core.emit(ClientEvents.AUTH_STATE_CHANGE, new ClientEvents.AuthStateChange(old, AuthState.UNAUTHENTICATED,
                    Optional.empty(), Optional.empty()));
            core.emit(ClientEvents.DEAUTHENTICATE, new ClientEvents.Deauthenticate(oldSigned, oldClaims));
        }
    }
}
