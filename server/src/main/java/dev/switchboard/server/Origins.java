package dev.switchboard.server;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The origin allowlist. Entries are {@code *}, a full origin ({@code https://app.example.com:8443}),
 * or {@code host:port} with {@code *} for either part, as in SocketCluster's {@code origins} option.
 * An empty list allows everything; a request without {@code Origin} (not a browser) is allowed.
 */
final class Origins {
    private Origins() {}

    static boolean allowed(List<String> allowlist, Optional<String> origin) {
        if (allowlist.isEmpty() || origin.isEmpty()) {
            return true;
        }
        String value = origin.get();
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        for (String entry : allowlist) {
            if (entry.equals("*") || entry.equals("*:*") || entry.equalsIgnoreCase(value)) {
                return true;
            }
            if (!entry.contains("://")) {
                int colon = entry.lastIndexOf(':');
                String h = colon < 0 ? entry : entry.substring(0, colon);
                String p = colon < 0 ? "*" : entry.substring(colon + 1);
                if ((h.equals("*") || h.equalsIgnoreCase(host)) && (p.equals("*") || p.equals(String.valueOf(port)))) {
                    return true;
                }
            }
        }
        return false;
    }
}
