package dev.switchboard.standalone;

import dev.switchboard.server.HttpApiResponse;
import dev.switchboard.server.SwitchboardServer;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The demo pages at {@code /}: a Socket.IO chat with rooms ({@code chat.html}), job progress told over a
 * SocketCluster channel, SSE and Engine.IO long-polling ({@code jobs.html}), and SocketCluster RPC and
 * pub/sub ({@code sc.html}); plus the browser bundles of socket.io-client and socketcluster-client under
 * {@code /vendor/}, which the build copies from npm (see {@code standalone/web}). Pages are read from the
 * class path once, at install; they hold no secrets and take no input but {@code POST /demo/jobs}.
 */
final class DemoPages {
    private static final List<String> PAGES = List.of("index.html", "chat.html", "jobs.html", "sc.html");
    private static final List<String> BUNDLES = List.of("socket.io.min.js", "socketcluster-client.min.js");
    private static final String HTML = "text/html; charset=utf-8";
    private static final String SCRIPT = "text/javascript; charset=utf-8";

    private DemoPages() {}

    static void install(SwitchboardServer server, DemoJobs jobs) {
        for (String page : PAGES) {
            HttpApiResponse res = new HttpApiResponse(200, HTML, read("/demo/" + page), Map.of());
            server.route("/" + page, req -> res);
            if (page.equals("index.html")) {
                server.route("/", req -> res);
            }
        }
        for (String bundle : BUNDLES) {
            byte[] bytes = readOptional("/demo/vendor/" + bundle);
            HttpApiResponse res = bytes != null ? new HttpApiResponse(200, SCRIPT, bytes, Map.of("Cache-Control", "max-age=3600"))
                    : HttpApiResponse.text(404, "text/plain; charset=utf-8", bundle + " was not built into this jar:"
                            + " build the standalone module with Node.js and npm (without -Dswitchboard.demo.skipBundles)");
            server.route("/vendor/" + bundle, req -> res);
        }
        server.route("/demo/jobs", req -> {
            if (!req.method().equals(HttpMethod.POST)) {
                return HttpApiResponse.json(405, Map.of("error", "Method Not Allowed", "message", "POST starts a job"));
            }
            QueryStringDecoder query = new QueryStringDecoder(req.uri());
            long step = param(query, "stepMillis", 500, 10, 5000);
            long delay = param(query, "delayMillis", 1500, 0, 10_000);
            return HttpApiResponse.json(202, Map.of("channel", jobs.start(step, delay)));
        });
    }

    private static long param(QueryStringDecoder query, String name, long fallback, long min, long max) {
        List<String> values = query.parameters().get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        try {
            return Math.clamp(Long.parseLong(values.get(0)), min, max);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static byte[] read(String resource) {
        byte[] bytes = readOptional(resource);
        if (bytes == null) {
            throw new IllegalStateException("missing demo resource " + resource);
        }
        return bytes;
    }

    private static byte[] readOptional(String resource) {
        try (InputStream in = DemoPages.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
