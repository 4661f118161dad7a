package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.StreamConsumer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Hostile or broken input: only the offending socket is affected. Every test ends by checking that a
 * healthy socket on the same server still echoes.
 */
class BadInputTest extends ServerTestSupport {
    private static final int MAX_PAYLOAD = 4096;

    private RawSocket healthy;
    private final AtomicLong fooCount = new AtomicLong();

    @BeforeEach
    void startServer() {
        start(b -> b.maxPayload(MAX_PAYLOAD).socketChannelLimit(100));
        onConnection(socket -> {
            echo(socket);
            StreamConsumer<Payload> foo = socket.receiver("foo").createConsumer();
            Thread.ofVirtual().start(() -> foo.forEachRemaining(p -> fooCount.incrementAndGet()));
        });
        healthy = connectReady();
    }

    private void assertHealthyStillEchoes() {
        assertEchoes(healthy);
        assertThat(healthy.isClosed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"event\":", "{not json}", "[1,2", "plain text", "#1", "#2", "   ", "{\"event\":\"x\"}}"})
    void malformedFrameIsARawMessageAndNotFatal(String frame) {
        RawSocket bad = connectReady();
        StreamConsumer<Payload> raw = events(serverSocket(bad), SocketEvents.RAW);
        bad.send(frame);
        assertThat(raw.next().asString()).isEqualTo(frame);
        assertNextIsEcho(bad);
        assertHealthyStillEchoes();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"foo\":1}", "{\"event\":5,\"data\":1}", "{\"rid\":\"x\"}", "[]", "[1,\"a\",null]",
            "{\"rid\":999,\"data\":1}", "{\"event\":null}", "null", "42", "\"str\""})
    void unknownShapesAreNotAnsweredAndNotFatal(String frame) {
        RawSocket bad = connectReady();
        bad.send(frame);
        assertNextIsEcho(bad);
        assertHealthyStillEchoes();
    }

    @Test
    void nonStringChannelsAreRefusedWithoutHarm() {
        RawSocket bad = connectReady();
        for (String packet : new String[] {
                "{'event':'#subscribe','data':{'channel':1},'cid':1001}",
                "{'event':'#subscribe','data':{'channel':null},'cid':1002}",
                "{'event':'#subscribe','data':[1],'cid':1003}",
                "{'event':'#publish','data':{'channel':[],'data':1},'cid':1004}",
                "{'event':'#publish','data':5,'cid':1005}",
                "{'event':'#unsubscribe','data':7,'cid':1006}"}) {
            bad.send(Wire.q(packet));
            JsonNode reply = bad.nextJson();
            assertThat(reply.has("error")).as("%s -> %s", packet, reply).isTrue();
            assertThat(reply.at("/error/name").asString()).isEqualTo("InvalidActionError");
        }
        bad.transmit("#publish", Wire.q("{'channel':{'x':1}}"));
        bad.transmit("#subscribe", Wire.q("{'channel':2}"));
        assertEchoes(bad);
        assertThat(serverSocket(bad).subscriptions()).isEmpty();
        assertHealthyStillEchoes();
    }

    @Test
    void oversizeFrameClosesWith1009() {
        StreamConsumer<ServerEvents.Disconnection> disconnections = events(ServerEvents.DISCONNECTION);
        RawSocket bad = connectReady();
        bad.transmit("foo", Wire.str("x".repeat(MAX_PAYLOAD + 100)));
        assertThat(bad.awaitClose().code()).isEqualTo(1009);
        ServerEvents.Disconnection event = disconnections.next();
        assertThat(event.code()).isEqualTo(1009);
        assertThat(event.socket().id()).isEqualTo(bad.id());
        assertHealthyStillEchoes();
    }

    @Test
    void frameOfExactlyMaxPayloadIsAccepted() {
        RawSocket client = connectReady();
        String prefix = "{\"event\":\"echo\",\"data\":\"";
        String suffix = "\",\"cid\":77}";
        String body = "y".repeat(MAX_PAYLOAD - prefix.length() - suffix.length());
        client.send(prefix + body + suffix);
        assertThat(client.awaitReply(77).get("data").asString()).isEqualTo(body);
    }

    @Test
    void oversizeFragmentedMessageClosesWith1009() {
        StreamConsumer<ServerEvents.Disconnection> disconnections = events(ServerEvents.DISCONNECTION);
        RawSocket bad = connectReady();
        String part = "z".repeat(MAX_PAYLOAD / 2); // every frame is under the limit, the message is not
        try {
            bad.sendFragments("{\"event\":\"foo\",\"data\":\"", part, part, part, "\"}");
        } catch (IllegalStateException closedMeanwhile) {
            // the server may close before the last fragment is written
        }
        assertThat(bad.awaitClose().code()).isEqualTo(1009);
        assertThat(disconnections.next().code()).isEqualTo(1009);
        assertHealthyStillEchoes();
    }

    @Test
    void fragmentedMessageUnderTheLimitIsReassembled() {
        RawSocket client = connectReady();
        client.sendFragments("{\"event\":\"ec", "ho\",\"data\":\"frag", "ments\",\"cid\":9}");
        Wire.assertWire(client.next(), "{'rid':9,'data':'fragments'}");
    }

    @Test
    void subscriptionFloodIsRefusedPastTheLimit() {
        RawSocket bad = connectReady();
        for (int i = 0; i < 500; i++) {
            bad.send("{\"event\":\"#subscribe\",\"data\":{\"channel\":\"flood-" + i + "\"},\"cid\":" + (10_000 + i) + "}");
        }
        int errors = 0;
        for (int i = 0; i < 500; i++) {
            if (bad.nextJson().has("error")) {
                errors++;
            }
        }
        assertThat(errors).isEqualTo(400);
        assertThat(serverSocket(bad).subscriptions()).hasSize(100);
        assertEchoes(bad);
        assertHealthyStillEchoes();
    }

    @Test
    void messageBeforeHandshakeClosesOnlyThatSocket() {
        RawSocket bad = connect();
        bad.transmit("foo", "1");
        assertThat(bad.awaitClose().code()).isEqualTo(4009);
        assertHealthyStillEchoes();
    }

    @Test
    void invalidJwtIsReportedAndRemoved() {
        RawSocket bad = connect();
        JsonNode reply = bad.handshake("eyJhbGciOiJub25lIn0.eyJ1c2VybmFtZSI6ImV2ZSJ9.");
        assertThat(reply.at("/data/isAuthenticated").asBoolean()).isFalse();
        assertThat(reply.at("/data/authError/name").asString()).isEqualTo("AuthTokenInvalidError");
        Wire.assertWire(bad.next(), "{'event':'#removeAuthToken'}");
        awaitReady(bad);
        assertEchoes(bad);
        assertHealthyStillEchoes();
    }

    @Test
    void nonStringTokensAreTreatedAsNoToken() {
        RawSocket bad = connect();
        bad.send(Wire.q("{'event':'#handshake','data':{'authToken':{'nested':true}},'cid':1}"));
        JsonNode reply = bad.nextJson();
        assertThat(reply.at("/data/isAuthenticated").asBoolean()).isFalse();
        long cid = bad.call("#authenticate", "12345");
        JsonNode auth = bad.awaitReply(cid);
        assertThat(auth.has("error")).as("%s", auth).isTrue();
        assertHealthyStillEchoes();
    }

    @Test
    void floodOfSmallFramesIsProcessed() {
        RawSocket bad = connectReady();
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            bad.send("{\"event\":\"foo\",\"data\":" + i + "}");
        }
        assertEchoes(bad); // sequential: every foo before it was handled
        await().atMost(WAIT).until(() -> fooCount.get() == n);
        assertHealthyStillEchoes();
    }

    @Test
    void batchAsLargeAsMaxPayloadIsProcessed() {
        RawSocket bad = connectReady();
        StringBuilder batch = new StringBuilder("[");
        int count = 0;
        while (true) {
            String element = (count == 0 ? "" : ",") + "{\"event\":\"foo\",\"data\":" + count + "}";
            if (batch.length() + element.length() + 1 > MAX_PAYLOAD) {
                break;
            }
            batch.append(element);
            count++;
        }
        String frame = batch.append(']').toString();
        assertThat(frame.length()).isGreaterThan(MAX_PAYLOAD - 40).isLessThanOrEqualTo(MAX_PAYLOAD);
        bad.send(frame);
        assertEchoes(bad);
        int expected = count;
        await().atMost(WAIT).untilAsserted(() -> assertThat(fooCount.get()).isEqualTo(expected));
        assertHealthyStillEchoes();
    }

    @Test
    void replyWithUnknownRidIsIgnored() {
        RawSocket bad = connectReady();
        bad.send(Wire.q("{'rid':12345,'data':'nobody asked'}"));
        bad.send(Wire.q("{'rid':12346,'error':{'name':'X','message':'y'}}"));
        bad.send(Wire.q("{'rid':12347,'error':'just a string'}"));
        assertEchoes(bad);
        assertHealthyStillEchoes();
    }

    @Test
    void secondHandshakeIsRefusedButNotFatal() {
        RawSocket client = connectReady();
        String id = client.id();
        long cid = client.call("#handshake", "{}");
        JsonNode reply = client.nextJson();
        assertThat(Wire.isReplyTo(reply, cid)).isTrue();
        assertThat(reply.has("error")).as("%s", reply).isTrue();
        assertThat(server.client(id)).isPresent();
        assertEchoes(client);
        assertHealthyStillEchoes();
    }

    @Test
    void invalidUtf8TextFrameClosesWith1007() {
        StreamConsumer<ServerEvents.Disconnection> disconnections = events(ServerEvents.DISCONNECTION);
        try (RawHttp.FrameSocket raw = RawHttp.openFrames(port(), "/socketcluster/")) {
            raw.sendText(Wire.q("{'event':'#handshake','data':{},'cid':1}"));
            raw.send(RawHttp.Frame.TEXT, true, new byte[] {'"', (byte) 0xc3, (byte) 0x28, '"'});
            RawHttp.Frame last = null;
            for (var f = raw.read(); f.isPresent(); f = raw.read()) {
                last = f.get();
            }
            assertThat(last).isNotNull();
            assertThat(last.opcode()).isEqualTo(RawHttp.Frame.CLOSE);
            assertThat(last.closeCode()).isEqualTo(1007);
        }
        assertThat(disconnections.next().code()).isEqualTo(1007);
        assertHealthyStillEchoes();
    }

    @Test
    void clientControlPingIsAnsweredWithPong() {
        try (RawHttp.FrameSocket raw = RawHttp.openFrames(port(), "/socketcluster/")) {
            raw.send(RawHttp.Frame.PING, true, new byte[] {1, 2, 3});
            RawHttp.Frame pong = raw.read().orElseThrow();
            assertThat(pong.opcode()).isEqualTo(RawHttp.Frame.PONG);
            assertThat(pong.payload()).containsExactly(1, 2, 3);
            raw.sendText(Wire.q("{'event':'#handshake','data':{},'cid':1}")); // a control ping is not a message
            assertThat(Wire.parse(raw.read().orElseThrow().text()).get("rid").asLong()).isEqualTo(1);
        }
        assertHealthyStillEchoes();
    }

    @Test
    void invalidUtf8BinaryFrameIsNotFatal() {
        RawSocket bad = connectReady();
        bad.sendBinary(new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});
        // a binary frame need not be UTF-8; the server decodes it leniently and treats it as raw
        assertEchoes(bad);
        assertHealthyStillEchoes();
    }
}
