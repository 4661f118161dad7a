package dev.switchboard.client;

import dev.switchboard.core.Payload;
import dev.switchboard.protocol.sc.ScCodec;
import java.util.Optional;

/**
 * Package-internal: channels as they appear on the wire: names with the {@code channelPrefix}, and the
 * JSON bodies of {@code #subscribe} and {@code #publish}. Immutable.
 */
final class ChannelWire {
    private final Optional<String> prefix;

    ChannelWire(Optional<String> prefix) {
        this.prefix = prefix;
    }

    String decorate(String channel) {
        return prefix.map(p -> p + channel).orElse(channel);
    }

    String undecorate(String wireName) {
        return prefix.filter(wireName::startsWith).map(p -> wireName.substring(p.length()))
                .orElse(wireName);
    }

    /** {@code {"channel":c,"data":d}}, reusing the data's cached JSON; data omitted when none. */
    Payload publication(String channel, Object data) {
        Payload payload = OutboundBuffer.encoded(data);
        StringBuilder sb = new StringBuilder("{\"channel\":");
        ScCodec.quote(sb, decorate(channel));
        if (!payload.isNone()) {
            sb.append(",\"data\":").append(payload.json());
        }
        return Payload.json(sb.append('}').toString());
    }

    /** The {@code #subscribe} request; as the official client, data is sent only when truthy. */
    Payload subscribeRequest(String channel, SubscribeOptions sent) {
        StringBuilder request = new StringBuilder("{\"channel\":");
        ScCodec.quote(request, decorate(channel));
        if (sent.waitForAuth()) {
            request.append(",\"waitForAuth\":true");
        }
        if (isTruthy(sent.data())) {
            request.append(",\"data\":").append(sent.data().json());
        }
        return Payload.json(request.append('}').toString());
    }

    private static boolean isTruthy(Payload data) {
        if (data.isNone() || data.isNull()) {
            return false;
        }
        Object v = data.value().orElse(null);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0 && !Double.isNaN(n.doubleValue());
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        return v != null;
    }
}
