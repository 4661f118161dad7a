package dev.switchboard.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Netty's aggregator, answering a request body over the limit with a JSON 413 body like every other
 * Switchboard error (the Socket.IO endpoint keeps Netty's plain answer). The connection closes after
 * the answer (lingering, see {@link HttpApiResponses}), since the rest of the body would otherwise be
 * read as the next request.
 */
final class HttpApiAggregator extends HttpObjectAggregator {
    private final NettyServer server;

    HttpApiAggregator(NettyServer server, int maxContentLength) {
        super(maxContentLength);
        this.server = server;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
        if (!(oversized instanceof HttpRequest req)
                || server.eio().matches(new QueryStringDecoder(req.uri()).path())) {
            super.handleOversizedMessage(ctx, oversized);
            return;
        }
        HttpApiResponses.error(ctx.channel(), HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "The request body is too large", false); // closes after the answer, lingering
    }
}
