package dev.switchboard.server;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A handshake as socket.io's adapters describe it to other nodes ({@code socket.handshake}). */
final class SioHandshakes {
    private SioHandshakes() {}

    static Map<String, Object> describe(SioHandshake handshake) {
        HandshakeRequest request = handshake.request();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("headers", firstValues(request.headers(), true));
        out.put("time", handshake.time().toString());
        InetSocketAddress peer = request.remoteAddress();
        out.put("address", peer == null ? "" : peer.getAddress() == null ? peer.getHostString()
                : peer.getAddress().getHostAddress());
        out.put("xdomain", request.header("origin").isPresent());
        out.put("secure", handshake.secure());
        out.put("issued", handshake.time().toEpochMilli());
        out.put("url", request.uri());
        out.put("query", firstValues(request.query(), false));
        out.put("auth", handshake.auth().value().orElse(Map.of()));
        return out;
    }

    private static Map<String, Object> firstValues(Map<String, List<String>> multi, boolean lowerCaseKeys) {
        Map<String, Object> out = new LinkedHashMap<>();
        multi.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(lowerCaseKeys ? k.toLowerCase(Locale.ROOT) : k, v.size() == 1 ? v.get(0) : String.join(", ", v));
            }
        });
        return out;
    }
}
