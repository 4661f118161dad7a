package dev.switchboard.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Package-internal: the URI and default token name {@link ClientOptions.Builder} builds from its parts. */
final class ClientUris {
    private ClientUris() {
    }

    /**
     * {@code uri} (an empty path becoming the default path), or the URI of the parts when {@code uri} is
     * null; then the query parameters appended, form-encoded.
     *
     * @throws IllegalArgumentException if both a URI and host/port/secure/path were set
     */
    static URI build(URI uri, String host, Integer port, boolean secure, String path,
            List<Map.Entry<String, String>> query) {
        URI base;
        if (uri != null) {
            if (host != null || port != null || path != null || secure) {
                throw new IllegalArgumentException("set either uri or host/port/secure/path, not both");
            }
            base = uri;
            if (base.getRawPath() == null || base.getRawPath().isEmpty()) {
                base = URI.create(base.getScheme() + "://" + base.getRawAuthority() + ClientOptions.DEFAULT_PATH
                        + (base.getRawQuery() == null ? "" : "?" + base.getRawQuery()));
            }
        } else {
            String h = host == null ? "localhost" : host;
            String hostPart = h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
            String scheme = secure ? "wss" : "ws";
            String portPart = port == null ? "" : ":" + port;
            base = URI.create(scheme + "://" + hostPart + portPart + (path == null ? ClientOptions.DEFAULT_PATH : path));
        }
        if (!query.isEmpty()) {
            StringBuilder q = new StringBuilder(base.getRawQuery() == null ? "" : base.getRawQuery());
            for (Map.Entry<String, String> e : query) {
                if (!q.isEmpty()) {
                    q.append('&');
                }
                q.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            }
            String s = base.toString();
            int i = s.indexOf('?');
            base = URI.create((i < 0 ? s : s.substring(0, i)) + "?" + q);
        }
        return base;
    }

    /** SocketCluster's default token name, {@code socketcluster.authToken.<host>:<port>}. */
    static String defaultTokenName(URI base) {
        boolean wss = "wss".equalsIgnoreCase(base.getScheme());
        int p = base.getPort() != -1 ? base.getPort() : wss ? 443 : 80;
        return "socketcluster.authToken." + base.getHost() + ":" + p;
    }
}
