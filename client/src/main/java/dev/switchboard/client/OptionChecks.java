package dev.switchboard.client;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Package-internal: the validation of {@link ClientOptions} and {@link ReconnectOptions} values. */
final class OptionChecks {
    private static final long MAX_TIMER_MILLIS = Integer.MAX_VALUE;
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade");

    private OptionChecks() {
    }

    /** A {@code ws}/{@code wss} URI with a host. */
    static void checkUri(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = Objects.requireNonNull(uri.getScheme(), "uri scheme").toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("uri scheme must be ws or wss: " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("uri has no host: " + uri);
        }
    }

    /** An unmodifiable copy, in order, of headers the upgrade request may carry. */
    static Map<String, List<String>> checkedHeaders(Map<String, List<String>> headers) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers").forEach((name, values) -> {
            checkHeaderName(name);
            h.put(name, List.copyOf(values));
        });
        return Collections.unmodifiableMap(h);
    }

    /** Positive (or zero if allowed), and short enough for a timer. */
    static void checkDuration(String name, Duration d, boolean zeroAllowed) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "non-negative" : "positive") + ", got " + d);
        }
        if (d.compareTo(Duration.ofMillis(MAX_TIMER_MILLIS)) > 0) {
            throw new IllegalArgumentException(name + " exceeds the maximum of " + MAX_TIMER_MILLIS + " ms: " + d);
        }
    }

    /** Not a header the WebSocket upgrade sets itself. */
    static void checkHeaderName(String name) {
        Objects.requireNonNull(name, "header name");
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.isBlank() || RESTRICTED_HEADERS.contains(lower) || lower.startsWith("sec-websocket-")) {
            throw new IllegalArgumentException("header " + name + " cannot be set: the WebSocket upgrade sets it");
        }
    }
}
