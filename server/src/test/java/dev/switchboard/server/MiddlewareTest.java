package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.stream.StreamConsumer;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Inbound, inbound-raw and outbound middleware (spec §4.1–4.2). */
class MiddlewareTest extends ServerTestSupport {

    private final LinkedBlockingQueue<Payload> foo = new LinkedBlockingQueue<>();

    /** Echo, plus a {@code foo} receiver collecting into {@link #foo}. */
    private void serveEchoAndFoo() {
        onConnection(socket -> {
            echo(socket);
            StreamConsumer<Payload> c = socket.receiver("foo").createConsumer();
            Thread.ofVirtual().start(() -> c.forEachRemaining(foo::add));
        });
    }

    @Test
    void blockedTransmitIsDroppedSilently() {
        start();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            if (action.type() == ActionType.TRANSMIT && action.data().asLong() < 0) {
                action.block(RemoteException.of("NegativeError", "no negatives"));
            } else {
                action.allow();
            }
        });
        serveEchoAndFoo();
        RawSocket client = connectReady();
        client.transmit("foo", "-1");
        client.transmit("foo", "2");
        assertThat(MessagingTest.poll(foo).asLong()).isEqualTo(2);
        assertThat(foo).isEmpty();
        client.assertNoFrame(QUIET); // transmit failures are never answered
    }

    @Test
    void blockedInvokeRepliesWithTheBlockError() {
        start();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            if (action.type() == ActionType.INVOKE && action.event().orElseThrow().equals("echo")
                    && action.data().asString().equals("forbidden")) {
                action.block(RemoteException.of("ForbiddenError", "not that").with("level", 3));
            } else {
                action.allow();
            }
        });
        serveEcho();
        RawSocket client = connectReady();
        long cid = client.call("echo", "\"forbidden\"");
        Wire.assertWire(client.next(),
                "{'rid':" + cid + ",'error':{'message':'not that','name':'ForbiddenError','level':3}}");
        assertEchoes(client);
    }

    @Test
    void blockedSubscribeRepliesWithTheErrorAndDoesNotSubscribe() {
        start();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            if (action.type() == ActionType.SUBSCRIBE && action.channel().orElseThrow().startsWith("private-")) {
                action.block(RemoteException.of("NotAllowedError", "private channel"));
            } else {
                action.allow();
            }
        });
        RawSocket client = connect();
        client.handshake();
        long cid = client.call("#subscribe", Wire.q("{'channel':'private-1'}"));
        Wire.assertWire(client.next(), "{'rid':" + cid + ",'error':{'message':'private channel','name':'NotAllowedError'}}");
        assertThat(serverSocket(client).isSubscribed("private-1")).isFalse();
        client.subscribe("public");
        server.exchange().transmitPublish("private-1", "secret");
        server.exchange().transmitPublish("public", "hello");
        Wire.assertWire(client.next(), "{'event':'#publish','data':{'channel':'public','data':'hello'}}");
    }

    @Test
    void subscribeMiddlewareSeesChannelAndSubscribeData() throws Exception {
        start();
        var seen = new LinkedBlockingQueue<Action>();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            seen.add(action);
            action.allow();
        });
        RawSocket client = connect();
        client.handshake();
        client.send(Wire.q("{'event':'#subscribe','data':{'channel':'room','data':{'key':'k'}},'cid':2}"));
        Wire.assertWire(client.next(), "{'rid':2}");
        Action action = MessagingTest.poll(seen);
        assertThat(action.type()).isEqualTo(ActionType.SUBSCRIBE);
        assertThat(action.channel()).contains("room");
        assertThat(action.data().asMap()).isEqualTo(Map.of("key", "k"));
        assertThat(action.socket()).map(ServerSocket::id).contains(client.id());
    }

    @Test
    void blockedPublishInRepliesWithTheErrorAndIsNotDelivered() {
        start();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            if (action.type() == ActionType.PUBLISH_IN && action.data().asString().contains("spam")) {
                action.block(RemoteException.of("SpamError", "no spam"));
            } else {
                action.allow();
            }
        });
        RawSocket publisher = connect();
        publisher.handshake();
        RawSocket reader = connect();
        reader.handshake();
        publisher.subscribe("chat");
        reader.subscribe("chat");
        long cid = publisher.call("#publish", Wire.q("{'channel':'chat','data':'buy spam'}"));
        Wire.assertWire(publisher.next(), "{'rid':" + cid + ",'error':{'message':'no spam','name':'SpamError'}}");
        publisher.transmit("#publish", Wire.q("{'channel':'chat','data':'more spam'}"));
        publisher.transmit("#publish", Wire.q("{'channel':'chat','data':'hello'}"));
        String expected = "{'event':'#publish','data':{'channel':'chat','data':'hello'}}";
        Wire.assertWire(reader.next(), expected);
        Wire.assertWire(publisher.next(), expected);
    }

    @Test
    void allowWithNewDataTransformsTransmitInvokeAndPublish() {
        start();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            switch (action.type()) {
                case TRANSMIT, INVOKE -> action.allow(Map.of("wrapped", action.data().value().orElseThrow()));
                case PUBLISH_IN -> action.allow(action.data().asString().toUpperCase());
                default -> action.allow();
            }
        });
        serveEchoAndFoo();
        RawSocket client = connectReady();
        client.transmit("foo", "1");
        assertThat(MessagingTest.poll(foo).asMap()).isEqualTo(Map.of("wrapped", 1));
        long cid = client.call("echo", "\"x\"");
        Wire.assertWire(client.next(), "{'rid':" + cid + ",'data':{'wrapped':'x'}}");
        client.subscribe("loud");
        client.transmit("#publish", Wire.q("{'channel':'loud','data':'hello'}"));
        Wire.assertWire(client.next(), "{'event':'#publish','data':{'channel':'loud','data':'HELLO'}}");
    }

    @Test
    void middlewareThatDecidesNothingDeniesWithSilentMiddlewareBlockedError() {
        start();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            if (action.type() == ActionType.SUBSCRIBE) {
                action.allow();
            }
            // everything else: no decision
        });
        serveEchoAndFoo();
        RawSocket client = connectReady();
        long cid = client.call("echo", "1");
        Wire.assertWire(client.next(), "{'rid':" + cid + ",'error':{'name':'SilentMiddlewareBlockedError',"
                + "'message':'The invoke AGAction was blocked by inbound middleware','type':'inbound'}}");
        client.transmit("foo", "1");
        client.subscribe("x"); // barrier: the transmit before it was handled
        assertThat(foo).as("undecided transmit is denied").isEmpty();
        long pub = client.call("#publish", Wire.q("{'channel':'x','data':1}"));
        JsonNode reply = client.nextJson();
        assertThat(Wire.isReplyTo(reply, pub)).as("%s", reply).isTrue();
        assertThat(reply.at("/error/name").asString()).isEqualTo("SilentMiddlewareBlockedError");
        assertThat(reply.at("/error/message").asString()).isEqualTo("The publishIn AGAction was blocked by inbound middleware");
    }

    @Test
    void blockWithoutErrorIsASilentMiddlewareBlockedError() {
        start();
        server.setMiddleware(MiddlewareType.INBOUND, Action::block);
        RawSocket client = connect();
        client.handshake();
        long cid = client.call("anything", "1");
        JsonNode reply = client.nextJson();
        assertThat(reply.at("/rid").asLong()).isEqualTo(cid);
        assertThat(reply.at("/error/name").asString()).isEqualTo("SilentMiddlewareBlockedError");
        assertThat(reply.at("/error/type").asString()).isEqualTo("inbound");
    }

    @Test
    void middlewareThatThrowsBlocksWithTheThrownError() {
        start();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            if (action.data().asString().equals("remote")) {
                throw RemoteException.of("ThrownError", "thrown on purpose").with("code", 7);
            }
            throw new IllegalArgumentException("plain failure");
        });
        RawSocket client = connect();
        client.handshake();
        long a = client.call("echo", "\"remote\"");
        Wire.assertWire(client.next(),
                "{'rid':" + a + ",'error':{'message':'thrown on purpose','name':'ThrownError','code':7}}");
        long b = client.call("echo", "\"java\"");
        Wire.assertWire(client.next(),
                "{'rid':" + b + ",'error':{'message':'plain failure','name':'IllegalArgumentException'}}");
    }

    @Test
    void decidingTwiceThrows() throws Exception {
        start();
        var second = new LinkedBlockingQueue<Throwable>();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            action.allow();
            try {
                action.block();
            } catch (RuntimeException e) {
                second.add(e);
            }
        });
        serveEcho();
        RawSocket client = connectReady();
        assertEchoes(client); // the first decision stands
        assertThat(MessagingTest.poll(second)).isNotNull();
    }

    @Test
    void removedMiddlewareNoLongerRuns() {
        start();
        server.setMiddleware(MiddlewareType.INBOUND, Action::block);
        serveEcho();
        RawSocket client = connectReady();
        assertThat(client.invoke("echo", "1").has("error")).isTrue();
        server.removeMiddleware(MiddlewareType.INBOUND);
        assertEchoes(client);
    }

    @Test
    void publishOutBlockDropsOnlyForThatRecipient() {
        start();
        RawSocket a = connect();
        a.handshake();
        RawSocket b = connect();
        b.handshake();
        String blockedId = a.id();
        server.setMiddleware(MiddlewareType.OUTBOUND, action -> {
            assertThat(action.type()).isEqualTo(ActionType.PUBLISH_OUT);
            if (action.socket().orElseThrow().id().equals(blockedId) && action.data().asString().equals("hidden")) {
                action.block();
            } else {
                action.allow();
            }
        });
        a.subscribe("ch");
        b.subscribe("ch");
        long cid = b.call("#publish", Wire.q("{'channel':'ch','data':'hidden'}"));
        Wire.assertWire(b.next(), "{'event':'#publish','data':{'channel':'ch','data':'hidden'}}");
        Wire.assertWire(b.next(), "{'rid':" + cid + "}"); // the publisher is not told about the block
        server.exchange().transmitPublish("ch", "visible");
        Wire.assertWire(a.next(), "{'event':'#publish','data':{'channel':'ch','data':'visible'}}");
        Wire.assertWire(b.next(), "{'event':'#publish','data':{'channel':'ch','data':'visible'}}");
    }

    @Test
    void outboundMiddlewareInstalledAfterPublicationsFlowedSeesTheNextOnes() {
        start();
        RawSocket client = subscribed("ch");
        server.exchange().transmitPublish("ch", "before");
        Wire.assertWire(client.next(), "{'event':'#publish','data':{'channel':'ch','data':'before'}}");
        server.setMiddleware(MiddlewareType.OUTBOUND, action -> {
            if (action.data().asString().equals("hidden")) {
                action.block();
            } else {
                action.allow(action.data().asString() + "!");
            }
        });
        server.exchange().transmitPublish("ch", "hidden");
        server.exchange().transmitPublish("ch", "seen");
        Wire.assertWire(client.next(), "{'event':'#publish','data':{'channel':'ch','data':'seen!'}}");
        server.removeMiddleware(MiddlewareType.OUTBOUND);
        server.exchange().transmitPublish("ch", "after");
        Wire.assertWire(client.next(), "{'event':'#publish','data':{'channel':'ch','data':'after'}}");
    }

    @Test
    void publishOutTransformRewritesForThatRecipientOnly() {
        start();
        RawSocket a = connect();
        a.handshake();
        RawSocket b = connect();
        b.handshake();
        String rewrittenFor = b.id();
        server.setMiddleware(MiddlewareType.OUTBOUND, action -> {
            if (action.socket().orElseThrow().id().equals(rewrittenFor)) {
                action.allow(Map.of("for", "b", "was", action.data().value().orElseThrow()));
            } else {
                action.allow();
            }
        });
        a.subscribe("ch");
        b.subscribe("ch");
        server.exchange().transmitPublish("ch", "orig");
        Wire.assertWire(a.next(), "{'event':'#publish','data':{'channel':'ch','data':'orig'}}");
        Wire.assertWire(b.next(), "{'event':'#publish','data':{'channel':'ch','data':{'for':'b','was':'orig'}}}");
    }

    @Test
    void outboundMiddlewareDoesNotSeePlainTransmits() {
        start();
        var seen = new LinkedBlockingQueue<Action>();
        server.setMiddleware(MiddlewareType.OUTBOUND, action -> {
            seen.add(action);
            action.block();
        });
        RawSocket client = connect();
        client.handshake();
        serverSocket(client).transmit("direct", 1);
        Wire.assertWire(client.next(), "{'event':'direct','data':1}");
        assertThat(seen).isEmpty();
    }

    @Test
    void inboundRawBlockDropsTheFrame() {
        start();
        var messages = new LinkedBlockingQueue<String>();
        server.setMiddleware(MiddlewareType.INBOUND_RAW, action -> {
            assertThat(action.type()).isEqualTo(ActionType.MESSAGE);
            String text = action.data().asString();
            messages.add(text);
            if (text.contains("drop-me")) {
                action.block();
            } else {
                action.allow();
            }
        });
        serveEcho();
        RawSocket client = connectReady();
        long dropped = client.call("echo", "\"drop-me\"");
        client.assertNoFrame(QUIET);
        assertEchoes(client);
        assertThat(dropped).isPositive();
        assertThat(messages).anyMatch(m -> m.contains("#handshake")).anyMatch(m -> m.contains("drop-me"));
    }

    @Test
    void inboundRawSeesPongsNever() {
        start(b -> b.pingInterval(java.time.Duration.ofMillis(50)));
        var messages = new LinkedBlockingQueue<String>();
        server.setMiddleware(MiddlewareType.INBOUND_RAW, action -> {
            messages.add(action.data().asString());
            action.allow();
        });
        serveEcho();
        RawSocket client = connectReady();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> client.pings() >= 3);
        assertEchoes(client);
        assertThat(messages).doesNotContain("");
    }
}
