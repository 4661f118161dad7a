package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.StreamConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * Small user events run on the event loop when the socket's mailbox is idle and no inbound middleware
 * is installed; everything else goes through the socket's virtual thread. Both paths share one order.
 */
class InlineDispatchTest extends ServerTestSupport {

    @Test
    void smallAndLargeTransmitsArriveInTheOrderSent() {
        start();
        var received = new LinkedBlockingQueue<Payload>();
        onConnection(socket -> {
            StreamConsumer<Payload> foo = socket.receiver("foo").createConsumer();
            Thread.ofVirtual().start(() -> foo.forEachRemaining(received::add));
        });
        RawSocket client = connectReady();
        String padding = "x".repeat(6000); // past the inline limit: these take the socket's thread
        int count = 60;
        for (int i = 0; i < count; i++) {
            String pad = i % 3 == 0 ? padding : "";
            client.send("{\"event\":\"foo\",\"data\":{\"n\":" + i + ",\"pad\":\"" + pad + "\"}}");
        }
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            order.add(MessagingTest.poll(received).field("n").orElseThrow().asLong());
        }
        assertThat(order).as("one order for frames run inline and frames run on the socket's thread")
                .isSortedAccordingTo(Long::compare).hasSize(count).doesNotHaveDuplicates();
    }

    @Test
    void inboundMiddlewareStillSeesSmallCallsOnAVirtualThread() {
        start();
        var onVirtual = new LinkedBlockingQueue<Boolean>();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            onVirtual.add(Thread.currentThread().isVirtual());
            action.allow();
        });
        onConnection(ServerTestSupport::echo);
        RawSocket client = connectReady();
        long cid = client.call("echo", "\"hi\"");
        Wire.assertWire(client.next(), "{'rid':" + cid + ",'data':'hi'}");
        assertThat(MessagingTest.poll(onVirtual)).as("middleware is user code: never on the event loop").isTrue();
    }

    @Test
    void aMalformedSmallFrameClosesOnlyItsSocket() {
        start();
        onConnection(ServerTestSupport::echo);
        RawSocket bad = connectReady();
        RawSocket good = connectReady();
        bad.send("{\"event\":\"echo\",\"data\":");
        long cid = good.call("echo", "1");
        Wire.assertWire(good.next(), "{'rid':" + cid + ",'data':1}");
    }
}
