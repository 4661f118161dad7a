package dev.switchboard.client;

import java.util.Map;

/** Package-internal: SocketCluster's texts of WebSocket close codes, for close events and error messages. */
final class CloseCodes {
    static final Map<Integer, String> STATUS_TEXT = Map.ofEntries(
            Map.entry(1000, "Socket closed normally"),
            Map.entry(1001, "Socket was disconnected"),
            Map.entry(1002, "A WebSocket protocol error was encountered"),
            Map.entry(1003, "Server terminated socket because it received invalid data"),
            Map.entry(1005, "Socket closed without status code"),
            Map.entry(1006, "Socket hung up"),
            Map.entry(1007, "Message format was incorrect"),
            Map.entry(1008, "Encountered a policy violation"),
            Map.entry(1009, "Message was too big to process"),
            Map.entry(1010, "Client ended the connection because the server did not comply with extension requirements"),
            Map.entry(1011, "Server encountered an unexpected fatal condition"),
            Map.entry(4000, "Server ping timed out"),
            Map.entry(4001, "Client pong timed out"),
            Map.entry(4002, "Server failed to sign auth token"),
            Map.entry(4003, "Failed to complete handshake"),
            Map.entry(4004, "Client failed to save auth token"),
            Map.entry(4005, "Did not receive #handshake from client before timeout"),
            Map.entry(4006, "Failed to bind socket to message broker"),
            Map.entry(4007, "Client connection establishment timed out"),
            Map.entry(4008, "Server rejected handshake from client"),
            Map.entry(4009, "Server received a message before the client handshake"));

    private CloseCodes() {
    }
}
