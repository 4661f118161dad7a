package dev.switchboard.server;

/** Whether a socket carries a valid auth token. */
public enum AuthState {
    AUTHENTICATED,
    UNAUTHENTICATED;

    /** The wire name: {@code authenticated} or {@code unauthenticated}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
