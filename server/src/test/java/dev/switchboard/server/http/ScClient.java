package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.internal.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A SocketCluster client by hand: handshake, subscribe, read publications; answers pings. */
class ScClient extends WsClient {
    private final AtomicLong cids = new AtomicLong();
    private final java.util.ArrayDeque<String> stash = new java.util.ArrayDeque<>(); // read while awaiting a reply

    static ScClient connect(HttpClient http, URI uri) {
        ScClient client = new ScClient();
        client.open(http, uri);
        Map<String, Object> reply = client.call("#handshake", Map.of());
        assertThat(reply).containsKey("data");
        return client;
    }

    @Override
    boolean onMessage(String text) {
        if (text.isEmpty()) {
            ws.sendText("", true); // protocol 2 ping: pong
            return true;
        }
        return false;
    }

    /** Sends an event with a cid and returns its reply. */
    Map<String, Object> call(String event, Object data) {
        long cid = cids.incrementAndGet();
        send(Json.encode(Map.of("event", event, "data", data, "cid", cid)));
        while (true) {
            String text = next();
            Map<String, Object> message = HttpTestSupport.json(text);
            if (message.get("rid") instanceof Number rid && rid.longValue() == cid) {
                return message;
            }
            stash.add(text);
        }
    }

    void subscribe(String channel) {
        Map<String, Object> reply = call("#subscribe", Map.of("channel", channel));
        assertThat(reply).doesNotContainKey("error");
    }

    /** The next {@code #publish}: {@code {"channel":..., "data":...}}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> nextPublication() {
        while (true) {
            Map<String, Object> message = HttpTestSupport.json(stash.isEmpty() ? next() : stash.poll());
            if ("#publish".equals(message.get("event"))) {
                return (Map<String, Object>) message.get("data");
            }
        }
    }
}
