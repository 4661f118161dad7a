package dev.switchboard.server.sio;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.switchboard.server.sio.SioTestSupport.waitAtMost;

import dev.switchboard.server.SioSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Engine.IO long-polling: payload framing, POST answers, limits and overlapping requests. */
class EioPollingTest extends SioTestSupport {

    /** GETs until {@code count} packets arrived; returns them. */
    private static List<Frame> collect(PollingClient client, int count) {
        List<Frame> frames = new ArrayList<>();
        while (frames.size() < count) {
            Http.Response r = Http.get(client.port, client.target());
            assertThat(r.status()).as("%s", r).isEqualTo(200);
            frames.addAll(PollingClient.parsePayload(r.text()));
        }
        return frames;
    }

    @Test
    void bufferedPacketsLeaveInOneGetJoinedByRecordSeparatorWithBinaryAsBase64() {
        start();
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        socket.emit("a");
        socket.emit("b", 1, "two");
        socket.emit("c", new byte[] {1, 2, 3, 4});
        Http.Response r = Http.get(port(), client.target());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(r.header("content-length")).isEqualTo(String.valueOf(r.body().length));
        assertThat(r.text()).isEqualTo("42[\"a\"]\u001e42[\"b\",1,\"two\"]\u001e"
                + "451-[\"c\",{\"_placeholder\":true,\"num\":0}]\u001ebAQIDBA==");
    }

    @Test
    void pendingGetIsAnsweredWhenSomethingIsSent() {
        start();
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        Http.Call get = Http.pendingGet(port(), client.target());
        socket.emit("hello", "world");
        assertThat(get.await().text()).isEqualTo("42[\"hello\",\"world\"]");
    }

    @Test
    void postAnswersOkAsTextHtmlAndAcceptsSeveralPacketsPerBody() {
        start();
        PollingClient client = idlePolling();
        joinIdle(client);
        Http.Response post = client.postRaw("4211[\"echo\",\"x\"]\u001e4212[\"echo\",\"y\"]\u001e3");
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.text()).isEqualTo("ok");
        assertThat(post.header("content-type")).isEqualTo("text/html");
        assertThat(post.header("content-length")).isEqualTo("2");
        List<String> texts = collect(client, 2).stream().map(Frame::text).toList();
        assertThat(texts).containsExactly("4311[\"x\"]", "4312[\"y\"]");
    }

    @Test
    void binaryAttachmentInAPostArrivesAsBytes() {
        start();
        List<byte[]> got = new CopyOnWriteArrayList<>();
        io.of("/").onConnection(s -> s.on("bin", (args, ack) -> got.add(args.bytes(0))));
        PollingClient client = idlePolling();
        joinIdle(client);
        client.postRaw("451-[\"bin\",{\"_placeholder\":true,\"num\":0}]\u001ebAQID");
        waitAtMost(WAIT).until(() -> !got.isEmpty());
        assertThat(got.get(0)).containsExactly(1, 2, 3);
    }

    @Test
    void bodyOverMaxHttpBufferSizeIs413() {
        start(b -> b.maxHttpBufferSize(2048));
        EioClient healthy = connected(EioClient.Kind.POLLING);
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        Http.Response r = client.postRaw("42[\"echo\",\"" + "x".repeat(3000) + "\"]");
        assertThat(r.status()).isEqualTo(413);
        assertThat(reason(socket.id())).isEqualTo("transport error");
        healthy.assertHealthy();
    }

    @Test
    void bodyAtMaxHttpBufferSizeIsAccepted() {
        start(b -> b.maxHttpBufferSize(2048));
        PollingClient client = idlePolling();
        joinIdle(client);
        String prefix = "4211[\"echo\",\"";
        String body = prefix + "x".repeat(2048 - prefix.length() - 2) + "\"]";
        assertThat(body).hasSize(2048);
        assertThat(client.postRaw(body).text()).isEqualTo("ok");
        assertThat(collect(client, 1).get(0).text()).startsWith("4311[\"xxx");
    }

    @Test
    void overlappingGetsOnOneConnection_firstGetsCloseSecondGets400AndSessionCloses() {
        start();
        EioClient healthy = connected(EioClient.Kind.WEBSOCKET);
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        List<Http.Response> rs = Http.pipelined(port(), Http.getRequest(client.target()),
                Http.getRequest(client.target()));
        assertThat(rs).hasSize(2);
        assertThat(rs.get(0).status()).isEqualTo(200);
        assertThat(rs.get(0).text()).isEqualTo("1");
        assertThat(rs.get(1).status()).isEqualTo(400);
        assertThat(rs.get(1).text()).isEqualTo("{\"code\":3,\"message\":\"Bad request\"}");
        assertThat(reason(socket.id())).isEqualTo("transport error");
        healthy.assertHealthy();
    }

    @Test
    void overlappingGetsOnTwoConnections_oneGetsCloseTheOther400() {
        start();
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        Http.Call first = Http.startGet(port(), client.target());
        Http.Call second = Http.startGet(port(), client.target());
        List<Http.Response> rs = List.of(first.await(), second.await());
        assertThat(rs).extracting(Http.Response::status).containsExactlyInAnyOrder(200, 400);
        assertThat(rs).filteredOn(r -> r.status() == 200).extracting(Http.Response::text).containsExactly("1");
        assertThat(reason(socket.id())).isEqualTo("transport error");
        first.close();
        second.close();
    }

    @Test
    void overlappingPosts_aPostWhoseBodyIsStillArrivingDoesNotBlockTheNext() {
        // Bodies are aggregated before the endpoint sees a POST, so two POSTs are never "in flight"
        // together here (socket.io answers the second with 400); both are processed, in order.
        start();
        PollingClient client = idlePolling();
        joinIdle(client);
        Http.Call first = Http.start(port(), "POST", client.target(), Map.of(), "4212[\"echo\",".getBytes(), 16);
        Http.Response second = client.postRaw("4213[\"echo\",\"c\"]");
        first.write("\"b\"]".getBytes());
        assertThat(first.await().text()).isEqualTo("ok");
        assertThat(second.text()).isEqualTo("ok");
        List<String> texts = collect(client, 2).stream().map(Frame::text).toList();
        assertThat(texts).containsExactly("4313[\"c\"]", "4312[\"b\"]");
        first.close();
    }

    @Test
    void clientClosePacketAnswersThePendingGetWithNoopAndCloses() {
        start();
        EioClient healthy = connected(EioClient.Kind.POLLING);
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        List<Http.Response> rs = Http.pipelined(port(), Http.getRequest(client.target()),
                Http.postRequest(client.target(), "1"));
        assertThat(rs).extracting(Http.Response::text).containsExactlyInAnyOrder("6", "ok");
        assertThat(reason(socket.id())).isEqualTo("transport close");
        assertThat(Http.get(port(), client.target()).status()).isEqualTo(400);
        healthy.assertHealthy();
    }

    @Test
    void serverCloseWithoutPendingGetDeliversBufferedPacketsThenCloseInTheNextPoll() {
        start();
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        socket.emit("last", 1);
        socket.disconnect(true);
        // the buffered packets first, the close packet in the next poll, then the session is gone
        assertThat(Http.get(port(), client.target()).text()).isEqualTo("42[\"last\",1]\u001e41");
        assertThat(Http.get(port(), client.target()).text()).isEqualTo("1");
        assertThat(Http.get(port(), client.target()).text()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    }

    @Test
    void serverCloseWithPendingGetAnswersItWithTheBufferThenClose() {
        start();
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        Http.Call get = Http.pendingGet(port(), client.target());
        socket.disconnect(true);
        assertThat(get.await().text()).isEqualTo("41");
        assertThat(Http.get(port(), client.target()).text()).isEqualTo("1");
        get.close();
    }

    @Test
    void invalidPacketTypeClosesTheSessionWithParseError() {
        start();
        EioClient healthy = connected(EioClient.Kind.POLLING);
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        Http.Response r = client.postRaw("9hello");
        assertThat(r.status()).isEqualTo(400);
        assertThat(reason(socket.id())).isEqualTo("parse error");
        // the closed session says so once on the next GET, then is unknown
        assertThat(Http.get(port(), client.target()).text()).isEqualTo("1");
        assertThat(Http.get(port(), client.target()).text()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
        healthy.assertHealthy();
    }

    @Test
    void invalidBase64ClosesTheSessionWithParseError() {
        start();
        EioClient healthy = connected(EioClient.Kind.POLLING);
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        client.postRaw("451-[\"bin\",{\"_placeholder\":true,\"num\":0}]\u001eb!!!");
        assertThat(reason(socket.id())).isEqualTo("parse error");
        healthy.assertHealthy();
    }

    @Test
    void emptyPayloadAndEmptyElementsAreParseErrors() {
        start();
        EioClient healthy = connected(EioClient.Kind.WEBSOCKET);
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        client.postRaw("42[\"echo\"]\u001e\u001e42[\"echo\"]");
        assertThat(reason(socket.id())).isEqualTo("parse error");
        PollingClient other = idlePolling();
        SioSocket otherSocket = joinIdle(other);
        assertThat(other.postRaw("").status()).isEqualTo(400);
        assertThat(reason(otherSocket.id())).isEqualTo("parse error");
        healthy.assertHealthy();
    }

    @Test
    void octetStreamPostIsRefusedAndClosesTheSession() {
        start();
        EioClient healthy = connected(EioClient.Kind.POLLING);
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        Http.Response r = Http.post(port(), client.target(), Map.of("Content-Type", "application/octet-stream"),
                "42[\"echo\"]");
        assertThat(r.status()).isEqualTo(400);
        assertThat(reason(socket.id())).isEqualTo("transport error");
        healthy.assertHealthy();
    }

    @Test
    void packetsPerPayloadAreCapped() {
        start(b -> b.maxPacketsPerPayload(16));
        EioClient healthy = connected(EioClient.Kind.POLLING);
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        assertThat(client.postRaw(String.join("\u001e", java.util.Collections.nCopies(16, "6"))).text())
                .isEqualTo("ok");
        client.postRaw(String.join("\u001e", java.util.Collections.nCopies(17, "6")));
        assertThat(reason(socket.id())).isEqualTo("parse error");
        healthy.assertHealthy();
    }

    @Test
    void abortedGetClosesTheSession() {
        start();
        EioClient healthy = connected(EioClient.Kind.POLLING);
        PollingClient client = idlePolling();
        SioSocket socket = joinIdle(client);
        Http.Call get = Http.pendingGet(port(), client.target());
        get.close();
        assertThat(reason(socket.id())).isEqualTo("transport close");
        healthy.assertHealthy();
    }
}
