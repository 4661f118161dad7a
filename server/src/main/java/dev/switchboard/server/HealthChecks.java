package dev.switchboard.server;

import dev.switchboard.core.Payload;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The probes. {@code /healthz} (liveness) answers 200 {@code {"status":"UP"}} whenever the process can
 * answer at all. {@code /readyz} (readiness) answers 200 {@code {"status":"UP","broker":"<name>"}} while
 * the server accepts connections and its broker answers a probe publication within {@value
 * #PROBE_TIMEOUT_MILLIS} ms, else 503 {@code {"status":"DOWN","reason":"..."}}; it turns 503 as soon as a
 * graceful shutdown begins, so load balancers stop sending new clients first.
 *
 * <p>The broker probe publishes {@link Payload#none()} to {@value #PROBE_CHANNEL}, a name no client can
 * subscribe to ({@code #sio} channels are reserved and Socket.IO namespaces start with {@code /}). It
 * runs on a virtual thread; {@code /healthz} is answered on the event loop.
 */
final class HealthChecks {
    static final String PROBE_CHANNEL = "#sio#readyz";
    static final long PROBE_TIMEOUT_MILLIS = 2000;

    private final NettyServer server;
    private final HttpApiRouter router;

    HealthChecks(NettyServer server, HttpApiRouter router) {
        this.server = server;
        this.router = router;
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
            HttpApiResponses.error(ctx.channel(), HttpResponseStatus.METHOD_NOT_ALLOWED, path + " only accepts GET",
                    Map.of(), Map.of("Allow", "GET, HEAD"), keepAlive);
            return;
        }
        if (path.equals(HttpApiOptions.HEALTH_PATH)) {
            HttpApiResponses.json(ctx.channel(), HttpResponseStatus.OK, Map.of("status", "UP"), Map.of(), keepAlive);
            return;
        }
        router.serial(ctx, () -> {
            String problem = readinessProblem();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", problem == null ? "UP" : "DOWN");
            body.put("broker", server.hub().broker().name());
            if (problem != null) {
                body.put("reason", problem);
            }
            HttpApiResponses.json(ctx.channel(), problem == null ? HttpResponseStatus.OK
                    : HttpResponseStatus.SERVICE_UNAVAILABLE, body, Map.of(), keepAlive);
        });
    }

    /** Why the server is not ready, or null when it is. Blocks up to the probe timeout. */
    String readinessProblem() {
        if (server.isDraining()) {
            return "shutting down";
        }
        try {
            server.hub().broker().publish(PROBE_CHANNEL, Payload.none()).get(PROBE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return "broker " + server.hub().broker().name() + " failed: " + e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "broker " + server.hub().broker().name() + " did not answer within " + PROBE_TIMEOUT_MILLIS + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (RuntimeException e) {
            return "broker " + server.hub().broker().name() + " failed: " + e.getMessage();
        }
    }
}
