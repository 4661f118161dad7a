package dev.switchboard.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routes the plain-HTTP requests {@code HttpHandler} does not serve itself: routes registered with
 * {@link SwitchboardServer#route} first, then the probes, Server-Sent Events and the publish API of
 * {@link HttpApiOptions}. Anything else is left to the caller (404, or the next handler).
 *
 * <p><b>Threading.</b> {@link #route} runs on the event loop and only does cheap checks; work that
 * may block runs on a virtual thread through {@link #serial}, one request of a connection after the
 * other, so HTTP/1.1 answers leave in request order.
 */
final class HttpApiRouter {
    private static final AttributeKey<CompletableFuture<Void>> TAIL = AttributeKey.valueOf("switchboard.httpApiTail");

    private final NettyServer server;
    private final ConcurrentHashMap<String, HttpApiRoute> routes = new ConcurrentHashMap<>();
    private final HttpApiPublish publish;
    private final HealthChecks health;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object();

    HttpApiRouter(NettyServer server) {
        this.server = server;
        this.publish = new HttpApiPublish(server, this);
        this.health = new HealthChecks(server, this);
    }

    void addRoute(String path, HttpApiRoute route) {
        Objects.requireNonNull(route, "route");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a route path must start with '/': " + path);
        }
        if (path.equals(server.options().path())) {
            throw new IllegalArgumentException("the SocketCluster endpoint cannot be a route: " + path);
        }
        routes.put(path, route);
    }

    /** Serves {@code req} if it is ours and returns {@code true}; on the event loop. */
    boolean route(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri) {
        String path = uri.path();
        HttpApiRoute custom = routes.get(path);
        if (custom != null) {
            custom(ctx, req, custom);
            return true;
        }
        HttpApiOptions options = server.options().httpApi();
        switch (path) {
            case HttpApiOptions.HEALTH_PATH, HttpApiOptions.READY_PATH -> {
                if (options.health()) {
                    health.handle(ctx, req, path);
                    return true;
                }
            }
            case HttpApiOptions.SSE_PATH -> {
                if (options.sse()) {
                    server.sse().open(ctx, req, uri);
                    return true;
                }
            }
            case HttpApiOptions.PUBLISH_PATH, HttpApiOptions.BROADCAST_PATH -> {
                if (!options.apiKeys().isEmpty()) {
                    publish.handle(ctx, req, path);
                    return true;
                }
            }
            default -> { }
        }
        return false;
    }

    private void custom(ChannelHandlerContext ctx, FullHttpRequest req, HttpApiRoute route) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        req.retain();
        serial(ctx, () -> {
            try {
                HttpApiResponse res = route.handle(req);
                HttpApiResponses.send(ctx.channel(), HttpResponseStatus.valueOf(res.status()), res.contentType(),
                        res.body(), res.headers(), keepAlive);
            } catch (Exception e) {
                server.error(Optional.empty(), e);
                HttpApiResponses.error(ctx.channel(), HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        "The route " + req.uri() + " failed", keepAlive);
            } finally {
                req.release();
            }
        });
    }

    /**
     * Runs {@code task} on a virtual thread once the connection's previous task finished. Called on the
     * event loop. If the server can no longer run tasks, answers 503 and closes.
     */
    void serial(ChannelHandlerContext ctx, Runnable task) {
        CompletableFuture<Void> previous = ctx.channel().attr(TAIL).get();
        inFlight.incrementAndGet();
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                server.error(Optional.empty(), e);
                ctx.close();
            } finally {
                done();
            }
        };
        try {
            CompletableFuture<Void> next = previous == null || previous.isDone()
                    ? CompletableFuture.runAsync(guarded, server.virtualThreads())
                    : previous.thenRunAsync(guarded, server.virtualThreads());
            ctx.channel().attr(TAIL).set(next);
        } catch (RejectedExecutionException e) {
            done();
            HttpApiResponses.error(ctx.channel(), HttpResponseStatus.SERVICE_UNAVAILABLE, "Server is shutting down",
                    Map.of(), Map.of(), false);
        }
    }

    private void done() {
        if (inFlight.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** Waits until no request task runs or {@code deadlineNanos} passes; for graceful shutdown. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        synchronized (idle) {
            while (inFlight.get() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }
}
