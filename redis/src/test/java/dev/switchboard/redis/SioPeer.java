package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** A Socket.IO v5 client over an Engine.IO v4 WebSocket, in raw packets, on the main namespace. */
final class SioPeer extends WsPeer {
    final String sid;

    SioPeer(int port) {
        super(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"),
                m -> m.equals("2") ? "3" : null);
        next(m -> m.startsWith("0{"), WAIT);
        send("40");
        String connect = next(m -> m.startsWith("40"), WAIT);
        sid = parse(connect.substring(2)).get("sid").asString();
        assertThat(sid).isNotEmpty();
    }

    private static boolean isEvent(String message, String event) {
        return message.startsWith("42[") && parse(message.substring(2)).get(0).asString().equals(event);
    }

    /** The arguments (event name first) of the next {@code event}. */
    JsonNode nextEvent(String event) {
        return parse(next(m -> isEvent(m, event), WAIT).substring(2));
    }

    /**
     * Answers the next {@code event} that asks for an acknowledgement ({@code 42<id>[...]}) with {@code
     * answerJson} (a JSON array), and returns the event's arguments.
     */
    JsonNode ackNext(String event, String answerJson) {
        String message = next(m -> m.matches("42\\d+\\[.*") && parse(m.substring(m.indexOf('['))).get(0).asString()
                .equals(event), WAIT);
        String id = message.substring(2, message.indexOf('['));
        send("43" + id + answerJson);
        return parse(message.substring(message.indexOf('[')));
    }

    /** Waits for a BINARY_EVENT {@code event} ({@code 45<n>-[...]}) and its attachments. */
    void awaitBinaryEvent(String event) {
        next(m -> m.startsWith("45") && m.contains("[\"" + event + "\""), WAIT);
    }

    /** Waits for the server's namespace DISCONNECT packet. */
    void awaitServerDisconnect() {
        next(m -> m.equals("41"), WAIT);
    }

    void assertNoEvent(String event, Duration quiet) {
        assertNone(m -> isEvent(m, event), quiet);
    }
}
