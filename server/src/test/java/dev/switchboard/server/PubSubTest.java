package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.ConsumableStream;
import dev.switchboard.core.stream.StreamConsumer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Channels: {@code #subscribe}, {@code #publish}, {@code #unsubscribe}, the exchange, kickOut (spec §3, §4.6). */
class PubSubTest extends ServerTestSupport {

    @Test
    void subscribeIsAnsweredOnceSubscribedThenPublicationsArrive() {
        start();
        RawSocket client = connect();
        client.handshake();
        client.send(Wire.q("{'event':'#subscribe','data':{'channel':'news'},'cid':2}"));
        Wire.assertWire(client.next(), "{'rid':2}");
        assertThat(serverSocket(client).isSubscribed("news")).isTrue();
        assertThat(serverSocket(client).subscriptions()).containsExactly("news");

        server.exchange().transmitPublish("news", Map.of("headline", "up"));
        Wire.assertWire(client.next(), "{'event':'#publish','data':{'channel':'news','data':{'headline':'up'}}}");
    }

    @Test
    void subscribingTwiceIsHarmless() {
        start();
        RawSocket client = connect();
        client.handshake();
        client.subscribe("news");
        client.subscribe("news");
        server.exchange().transmitPublish("news", 1);
        Wire.assertWire(client.next(), "{'event':'#publish','data':{'channel':'news','data':1}}");
        client.assertNoFrame(QUIET);
    }

    @Test
    void subscribeWithoutCidIsNotProcessed() {
        start();
        serveEcho();
        RawSocket client = connectReady();
        client.send(Wire.q("{'event':'#subscribe','data':{'channel':'news'}}"));
        assertEchoes(client); // inbound is sequential: the subscribe packet was handled before this
        assertThat(serverSocket(client).isSubscribed("news")).isFalse();
        server.exchange().transmitPublish("news", 1);
        client.assertNoFrame(QUIET);
    }

    @Test
    void subscribeWithANonStringChannelIsAnInvalidActionError() {
        start();
        RawSocket client = connect();
        client.handshake();
        for (String data : List.of("{'channel':5}", "{}", "'news'", "null", "{'channel':{'a':1}}")) {
            long cid = client.call("#subscribe", Wire.q(data));
            JsonNode reply = client.nextJson();
            assertThat(Wire.isReplyTo(reply, cid)).as("reply %s to %s", reply, data).isTrue();
            assertThat(reply.at("/error/name").asString()).isEqualTo("InvalidActionError");
            assertThat(reply.at("/error/message").asString()).isNotBlank();
        }
        assertThat(serverSocket(client).subscriptions()).isEmpty();
    }

    @Test
    void subscriptionOptionsReachTheSubscriptionEvent() {
        start();
        StreamConsumer<ServerEvents.Subscription> subscriptions = events(ServerEvents.SUBSCRIPTION);
        RawSocket client = connect();
        client.handshake();
        StreamConsumer<ServerEvents.Subscription> own = events(serverSocket(client), SocketEvents.SUBSCRIBE);
        client.send(Wire.q("{'event':'#subscribe','data':{'channel':'room','waitForAuth':true,'data':{'x':1}},'cid':2}"));
        Wire.assertWire(client.next(), "{'rid':2}");
        ServerEvents.Subscription event = subscriptions.next();
        assertThat(event.channel()).isEqualTo("room");
        assertThat(event.socket().id()).isEqualTo(client.id());
        assertThat(event.options().asMap()).isEqualTo(Map.of("waitForAuth", true, "data", Map.of("x", 1)));
        assertThat(own.next().channel()).isEqualTo("room");
    }

    @Test
    void publishFansOutToEverySubscriberIncludingThePublisherInOrder() {
        start();
        RawSocket a = connect();
        a.handshake();
        RawSocket b = connect();
        b.handshake();
        RawSocket outsider = connect();
        outsider.handshake();
        a.subscribe("chat");
        b.subscribe("chat");

        a.transmit("#publish", Wire.q("{'channel':'chat','data':1}"));
        long cid = a.call("#publish", Wire.q("{'channel':'chat','data':2}"));
        a.transmit("#publish", Wire.q("{'channel':'chat','data':{'n':3}}"));

        Wire.assertWire(a.next(), "{'event':'#publish','data':{'channel':'chat','data':1}}");
        Wire.assertWire(a.next(), "{'event':'#publish','data':{'channel':'chat','data':2}}");
        Wire.assertWire(a.next(), "{'rid':" + cid + "}");
        Wire.assertWire(a.next(), "{'event':'#publish','data':{'channel':'chat','data':{'n':3}}}");
        Wire.assertWire(b.next(), "{'event':'#publish','data':{'channel':'chat','data':1}}");
        Wire.assertWire(b.next(), "{'event':'#publish','data':{'channel':'chat','data':2}}");
        Wire.assertWire(b.next(), "{'event':'#publish','data':{'channel':'chat','data':{'n':3}}}");
        outsider.assertNoFrame(QUIET);
        a.assertNoFrame(QUIET);
    }

    @Test
    void aSocketThatStartsBatchingGetsItsPublicationsInItsBatch() {
        start(b -> b.batchInterval(java.time.Duration.ofSeconds(30))); // only stopBatch() flushes
        RawSocket a = subscribed("feed");
        RawSocket b = subscribed("feed");
        server.exchange().transmitPublish("feed", 1); // both take the shared frame as it is
        Wire.assertWire(a.next(), "{'event':'#publish','data':{'channel':'feed','data':1}}");
        Wire.assertWire(b.next(), "{'event':'#publish','data':{'channel':'feed','data':1}}");

        serverSocket(a).startBatch();
        server.exchange().transmitPublish("feed", 2);
        server.exchange().transmitPublish("feed", 3);
        Wire.assertWire(b.next(), "{'event':'#publish','data':{'channel':'feed','data':2}}");
        Wire.assertWire(b.next(), "{'event':'#publish','data':{'channel':'feed','data':3}}");
        a.assertNoFrame(QUIET); // held in a's batch, not written past it
        serverSocket(a).stopBatch();
        Wire.assertWire(a.next(), "[{'event':'#publish','data':{'channel':'feed','data':2}},"
                + "{'event':'#publish','data':{'channel':'feed','data':3}}]");

        server.exchange().transmitPublish("feed", 4); // not batching any more: one frame again
        Wire.assertWire(a.next(), "{'event':'#publish','data':{'channel':'feed','data':4}}");
        Wire.assertWire(b.next(), "{'event':'#publish','data':{'channel':'feed','data':4}}");
    }

    @Test
    void publishToAChannelNobodyListensToIsAcknowledged() {
        start();
        RawSocket client = connect();
        client.handshake();
        long cid = client.call("#publish", Wire.q("{'channel':'void','data':1}"));
        Wire.assertWire(client.next(), "{'rid':" + cid + "}");
    }

    @Test
    void publishWithANonStringChannelIsAnInvalidActionError() {
        start();
        RawSocket client = connect();
        client.handshake();
        long cid = client.call("#publish", Wire.q("{'channel':7,'data':1}"));
        assertThat(client.nextJson().at("/error/name").asString()).isEqualTo("InvalidActionError");
        assertThat(cid).isPositive();
    }

    @Test
    void clientPublishCanBeDisabled() {
        start(b -> b.allowClientPublish(false));
        RawSocket client = connect();
        client.handshake();
        client.subscribe("chat");
        client.transmit("#publish", Wire.q("{'channel':'chat','data':1}"));
        long cid = client.call("#publish", Wire.q("{'channel':'chat','data':2}"));
        JsonNode reply = client.nextJson();
        assertThat(Wire.isReplyTo(reply, cid)).as("%s", reply).isTrue();
        assertThat(reply.at("/error/name").asString()).isEqualTo("InvalidActionError");
        assertThat(reply.at("/error/message").asString()).isEqualTo("Client publish feature is disabled");
        // server-side publishing still works
        server.exchange().transmitPublish("chat", 3);
        Wire.assertWire(client.next(), "{'event':'#publish','data':{'channel':'chat','data':3}}");
    }

    @Test
    void unsubscribeStopsDelivery() {
        start();
        StreamConsumer<ServerEvents.Unsubscription> unsubscriptions = events(ServerEvents.UNSUBSCRIPTION);
        RawSocket client = connect();
        client.handshake();
        client.subscribe("a");
        client.subscribe("b");
        client.transmit("#unsubscribe", "\"a\"");
        ServerEvents.Unsubscription event = unsubscriptions.next();
        assertThat(event.channel()).isEqualTo("a");
        assertThat(event.socket().id()).isEqualTo(client.id());

        // delivery is synchronous per publish call: had "a" still been subscribed, it would come first
        server.exchange().transmitPublish("a", "dropped");
        server.exchange().transmitPublish("b", "kept");
        Wire.assertWire(client.next(), "{'event':'#publish','data':{'channel':'b','data':'kept'}}");
        assertThat(serverSocket(client).subscriptions()).containsExactly("b");

        long cid = client.call("#unsubscribe", "\"b\"");
        Wire.assertWire(client.next(), "{'rid':" + cid + "}");
        assertThat(serverSocket(client).subscriptions()).isEmpty();
    }

    @Test
    void unsubscribingFromANonSubscribedChannelIsABrokerError() {
        start();
        RawSocket client = connect();
        client.handshake();
        long cid = client.call("#unsubscribe", "\"never\"");
        JsonNode reply = client.nextJson();
        assertThat(Wire.isReplyTo(reply, cid)).isTrue();
        assertThat(reply.at("/error/name").asString()).isEqualTo("BrokerError");
        client.transmit("#unsubscribe", "\"never\""); // as a transmit: no reply
        long nonString = client.call("#unsubscribe", "{\"channel\":\"x\"}");
        JsonNode invalid = client.nextJson();
        assertThat(Wire.isReplyTo(invalid, nonString)).as("%s", invalid).isTrue();
        assertThat(invalid.at("/error/name").asString()).isEqualTo("InvalidActionError");
    }

    @Test
    void exchangePublishesReachSocketSubscribers() {
        start();
        RawSocket a = connect();
        a.handshake();
        RawSocket b = connect();
        b.handshake();
        a.subscribe("feed");
        b.subscribe("feed");
        server.exchange().transmitPublish("feed", "one");
        server.exchange().invokePublish("feed", List.of("two")).orTimeout(5, TimeUnit.SECONDS).join();
        for (RawSocket client : List.of(a, b)) {
            Wire.assertWire(client.next(), "{'event':'#publish','data':{'channel':'feed','data':'one'}}");
            Wire.assertWire(client.next(), "{'event':'#publish','data':{'channel':'feed','data':['two']}}");
        }
    }

    @Test
    void exchangeSubscriptionReceivesClientPublishes() {
        start();
        ConsumableStream<Payload> stream = server.exchange().subscribe("inbox");
        StreamConsumer<Payload> inbox = track(stream.createConsumer(WAIT));
        assertThat(server.exchange().isSubscribed("inbox")).isTrue();
        RawSocket client = connect();
        client.handshake();
        long cid = client.call("#publish", Wire.q("{'channel':'inbox','data':{'from':'client'}}"));
        Wire.assertWire(client.next(), "{'rid':" + cid + "}");
        assertThat(inbox.next().asMap()).isEqualTo(Map.of("from", "client"));
        client.transmit("#publish", Wire.q("{'channel':'inbox','data':2}"));
        assertThat(inbox.next().asLong()).isEqualTo(2);

        server.exchange().unsubscribe("inbox");
        assertThat(server.exchange().isSubscribed("inbox")).isFalse();
        assertThat(inbox.hasNext()).as("the stream's consumers end").isFalse();
    }

    @Test
    void socketChannelLimitRefusesSubscriptionsPastTheLimit() {
        start(b -> b.socketChannelLimit(3));
        serveEcho();
        RawSocket client = connectReady();
        for (String channel : List.of("c1", "c2", "c3")) {
            client.subscribe(channel);
        }
        long cid = client.call("#subscribe", Wire.q("{'channel':'c4'}"));
        JsonNode reply = client.nextJson();
        assertThat(Wire.isReplyTo(reply, cid)).isTrue();
        assertThat(reply.at("/error/name").asString()).isEqualTo("BrokerError");
        assertThat(reply.at("/error/message").asString()).contains("c4").contains("limit");
        assertThat(serverSocket(client).subscriptions()).containsExactlyInAnyOrder("c1", "c2", "c3");

        // after leaving one, there is room again
        client.transmit("#unsubscribe", "\"c1\"");
        client.subscribe("c4");
        assertEchoes(client);
    }

    @Test
    void aFloodOfSubscriptionsIsRefusedPastTheLimitAndTheSocketStaysUsable() {
        start(b -> b.socketChannelLimit(10));
        serveEcho();
        RawSocket healthy = connectReady();
        RawSocket flooder = connectReady();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 1; i <= 2000; i++) {
            batch.append(i > 1 ? "," : "").append("{\"event\":\"#subscribe\",\"data\":{\"channel\":\"f").append(i)
                    .append("\"},\"cid\":").append(1000 + i).append('}');
        }
        flooder.send(batch.append(']').toString());
        int ok = 0;
        int refused = 0;
        for (int i = 1; i <= 2000; i++) {
            JsonNode reply = flooder.nextJson();
            assertThat(reply.get("rid").asLong()).isEqualTo(1000 + i);
            if (reply.has("error")) {
                refused++;
            } else {
                ok++;
            }
        }
        assertThat(ok).isEqualTo(10);
        assertThat(refused).isEqualTo(1990);
        assertThat(serverSocket(flooder).subscriptions()).hasSize(10);
        assertEchoes(flooder);
        assertEchoes(healthy);
    }

    @Test
    void kickOutTellsTheClientAndUnsubscribes() {
        start();
        StreamConsumer<ServerEvents.Unsubscription> unsubscriptions = events(ServerEvents.UNSUBSCRIPTION);
        RawSocket client = connect();
        client.handshake();
        client.subscribe("room");
        client.subscribe("other");
        ServerSocket socket = serverSocket(client);

        socket.kickOut("room", "go away");
        Wire.assertWire(client.next(), "{'event':'#kickOut','data':{'channel':'room','message':'go away'}}");
        assertThat(unsubscriptions.next().channel()).isEqualTo("room");
        assertThat(socket.isSubscribed("room")).isFalse();

        server.exchange().transmitPublish("room", "dropped");
        server.exchange().transmitPublish("other", "kept");
        Wire.assertWire(client.next(), "{'event':'#publish','data':{'channel':'other','data':'kept'}}");

        socket.kickOut("not-subscribed", "ignored");
        socket.kickOut(Map.of("why", "all"));
        Wire.assertWire(client.next(), "{'event':'#kickOut','data':{'channel':'other','message':{'why':'all'}}}");
        assertThat(socket.subscriptions()).isEmpty();
        client.assertNoFrame(QUIET);
    }

    @Test
    void kickOutWithoutMessageOmitsIt() {
        start();
        RawSocket client = connect();
        client.handshake();
        client.subscribe("room");
        serverSocket(client).kickOut("room", null);
        Wire.assertWire(client.next(), "{'event':'#kickOut','data':{'channel':'room'}}");
        assertThat(serverSocket(client).isSubscribed("room")).isFalse();
    }

    @Test
    void disconnectLeavesEveryChannel() {
        start();
        StreamConsumer<ServerEvents.Unsubscription> unsubscriptions = events(ServerEvents.UNSUBSCRIPTION);
        RawSocket leaver = connect();
        leaver.handshake();
        RawSocket stayer = connect();
        stayer.handshake();
        leaver.subscribe("x");
        leaver.subscribe("y");
        stayer.subscribe("x");
        ServerSocket socket = serverSocket(leaver);

        leaver.close();
        Set<String> left = new HashSet<>();
        left.add(unsubscriptions.next().channel());
        left.add(unsubscriptions.next().channel());
        assertThat(left).containsExactlyInAnyOrder("x", "y");
        assertThat(socket.subscriptions()).isEmpty();
        await().atMost(WAIT).until(() -> server.clients().size() == 1);

        server.exchange().transmitPublish("x", "still here");
        Wire.assertWire(stayer.next(), "{'event':'#publish','data':{'channel':'x','data':'still here'}}");
    }
}
