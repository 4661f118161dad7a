package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/** A SocketCluster client (protocol 2) in raw frames: handshake, subscribe, publish, publications. */
final class ScPeer extends WsPeer {
    private final AtomicLong cids = new AtomicLong();

    ScPeer(int port) {
        super(URI.create("ws://127.0.0.1:" + port + "/socketcluster/"),
                m -> m.isEmpty() ? "" : m.equals("#1") ? "#2" : null);
        JsonNode reply = call("#handshake", "{\"authToken\":null}");
        assertThat(reply.has("error")).as("handshake %s", reply).isFalse();
    }

    /** Sends an RPC and returns its reply, skipping other messages. */
    JsonNode call(String event, String dataJson) {
        long cid = cids.incrementAndGet();
        send("{\"event\":\"" + event + "\",\"data\":" + dataJson + ",\"cid\":" + cid + "}");
        String reply = next(m -> {
            JsonNode node = parse(m);
            return node.has("rid") && node.get("rid").asLong() == cid;
        }, WAIT);
        return parse(reply);
    }

    /** Subscribes; the server answers once the broker confirmed the subscription. */
    void subscribe(String channel) {
        JsonNode reply = call("#subscribe", "{\"channel\":\"" + channel + "\"}");
        assertThat(reply.has("error")).as("subscribe reply %s", reply).isFalse();
    }

    /** Publishes and returns the server's reply (with an {@code error} when the broker failed). */
    JsonNode publish(String channel, String dataJson) {
        return call("#publish", "{\"channel\":\"" + channel + "\",\"data\":" + dataJson + "}");
    }

    private static boolean isPublication(String message, String channel) {
        if (!message.startsWith("{")) {
            return false;
        }
        JsonNode node = parse(message);
        return node.has("event") && node.get("event").asString().equals("#publish")
                && node.get("data").get("channel").asString().equals(channel);
    }

    /** The data of the next publication on {@code channel}. */
    JsonNode nextPublication(String channel) {
        return nextPublication(channel, WAIT);
    }

    JsonNode nextPublication(String channel, Duration wait) {
        return parse(next(m -> isPublication(m, channel), wait)).get("data").get("data");
    }

    void assertNoPublication(String channel, Duration quiet) {
        assertNone(m -> isPublication(m, channel), quiet);
    }
}
