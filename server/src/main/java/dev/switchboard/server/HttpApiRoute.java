package dev.switchboard.server;

import io.netty.handler.codec.http.FullHttpRequest;

/**
 * An extra HTTP endpoint served by the server at an exact path, registered with {@link
 * SwitchboardServer#route(String, HttpApiRoute)}: for example {@code /metrics}.
 *
 * <p><b>Threading.</b> Each call runs on its own virtual thread, so a route may block. Requests on one
 * connection are answered in order. The request is only valid during the call (it is released after);
 * read what you need before returning. A thrown exception answers 500 with a JSON error body and is
 * reported to the server's {@link ServerEvents#ERROR} listener.
 */
@FunctionalInterface
public interface HttpApiRoute {
    /** Answers one request; any method reaches the route, so check {@code request.method()} yourself. */
    HttpApiResponse handle(FullHttpRequest request) throws Exception;
}
