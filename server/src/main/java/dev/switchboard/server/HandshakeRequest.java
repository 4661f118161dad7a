package dev.switchboard.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The HTTP request that opened a WebSocket: path, query, headers and the peer's address. */
public record HandshakeRequest(String uri, String path, Map<String, List<String>> query,
        Map<String, List<String>> headers, InetSocketAddress remoteAddress) {

    public HandshakeRequest {
        query = HandshakeStrings.compact(query);
        headers = HandshakeStrings.compact(headers);
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
