package dev.switchboard.server;

/** What happens to a socket's receiver, procedure and listener streams when it closes. */
public enum StreamCleanupMode {
    /** Consumers end at once; backlogs are dropped. SocketCluster's default. */
    KILL,
    /** Consumers drain their backlog, then end. */
    CLOSE,
    /** Streams are left as they are. */
    NONE
}
