package dev.switchboard.server;

import dev.switchboard.core.RemoteException;

/** The errors SocketCluster uses when a call cannot complete because of the connection. */
final class BadConnection {
    private BadConnection() {}

    static RemoteException closed(String type, int code, String reason) {
        return RemoteException.of("BadConnectionError", "Socket connection closed with code " + code
                + (reason.isEmpty() ? "" : " - " + reason))
                .with("type", type).with("code", code).with("reason", reason);
    }

    static RemoteException notOpen(String id, SocketState state) {
        return RemoteException.of("BadConnectionError", "Socket " + id + " is " + state.name().toLowerCase(
                java.util.Locale.ROOT) + "; cannot invoke").with("type", "disconnect");
    }

    static RemoteException timeout(String procedure) {
        return RemoteException.of("TimeoutError", "Event response for '" + procedure + "' timed out");
    }

    static RemoteException invalidAction(String message) {
        return RemoteException.of("InvalidActionError", message);
    }

    static RemoteException brokerError(String message) {
        return RemoteException.of("BrokerError", message);
    }
}
