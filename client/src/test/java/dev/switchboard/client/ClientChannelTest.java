package dev.switchboard.client;

import static dev.switchboard.client.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.StreamConsumer;
import dev.switchboard.server.ServerEvents;
import dev.switchboard.server.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Channels: subscribe, publish both ways, states and events, kick-out, resubscription order, waitForAuth. */
@Timeout(20)
class ClientChannelTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private TestServer server;
    private SwitchboardClient client;

    @BeforeEach
    void start() {
        server = TestServer.start();
        client = server.client();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void serverPublicationsReachTheSubscribedChannel() {
        ClientChannel news = client.subscribe("news");
        StreamConsumer<Payload> items = news.createConsumer(WAIT);
        await().atMost(WAIT).until(() -> news.state() == ChannelState.SUBSCRIBED);
        client.invokeAndWait("serverPublish", map("channel", "news", "data", map("n", 1)));
        client.invokeAndWait("serverPublish", map("channel", "other", "data", "not for us"));
        client.invokeAndWait("serverPublish", map("channel", "news", "data", "two"));
        client.invokeAndWait("serverPublish", map("channel", "news"));
        assertThat(items.next().asMap()).isEqualTo(Map.of("n", 1));
        assertThat(items.next().asString()).isEqualTo("two");
        assertThat(items.next().isNone()).isTrue();
        assertThat(items.backpressure()).isZero();
    }

    @Test
    void clientPublicationsReachServerSubscribersAndOtherClientsIncludingThePublisher() throws Exception {
        StreamConsumer<Payload> onServer = server.server().exchange().subscribe("room").createConsumer(WAIT);
        try (SwitchboardClient other = server.client()) {
            ClientChannel otherRoom = other.subscribe("room");
            StreamConsumer<Payload> otherItems = otherRoom.createConsumer(WAIT);
            ClientChannel room = client.subscribe("room");
            StreamConsumer<Payload> ownItems = room.createConsumer(WAIT);
            await().atMost(WAIT).until(() -> otherRoom.state() == ChannelState.SUBSCRIBED
                    && room.state() == ChannelState.SUBSCRIBED);

            client.transmitPublish("room", "first");
            assertThat(room.invokePublish(map("second", true)).get(5, TimeUnit.SECONDS).isNone()).isTrue();
            room.transmitPublish(Payload.nullValue());

            for (StreamConsumer<Payload> c : List.of(onServer, otherItems, ownItems)) {
                assertThat(c.next().asString()).isEqualTo("first");
                assertThat(c.next().asMap()).isEqualTo(Map.of("second", true));
                // The client sends {"channel":"room","data":null}; socketcluster-server delivers null (see
                // the interop test). Switchboard's server currently turns it into an absent value
                // (Subscriptions.publish reads data.field("data"), which treats null as absent).
                Payload third = c.next();
                assertThat(third.isNull() || third.isNone()).as("null publication, got %s", third).isTrue();
            }
        }
    }

    @Test
    void statesAndEventsFollowSubscribeAndUnsubscribe() {
        var subscribes = client.listener(ClientEvents.SUBSCRIBE).createConsumer(WAIT);
        var changes = client.listener(ClientEvents.SUBSCRIBE_STATE_CHANGE).createConsumer(WAIT);
        var unsubscribes = client.listener(ClientEvents.UNSUBSCRIBE).createConsumer(WAIT);
        var requests = client.listener(ClientEvents.SUBSCRIBE_REQUEST).createConsumer(WAIT);
        ClientChannel ch = client.channel("c");
        var chSubscribes = ch.listener(ClientEvents.SUBSCRIBE).createConsumer(WAIT);
        var chUnsubscribes = ch.listener(ClientEvents.UNSUBSCRIBE).createConsumer(WAIT);
        assertThat(ch.state()).isEqualTo(ChannelState.UNSUBSCRIBED);

        ch.subscribe(SubscribeOptions.defaults().withData(map("k", "v")).withPriority(2));
        assertThat(ch.state()).isIn(ChannelState.PENDING, ChannelState.SUBSCRIBED);
        assertThat(client.subscriptions(true)).containsExactly("c");

        assertThat(requests.next().channel()).isEqualTo("c");
        ClientEvents.Subscribe subscribed = subscribes.next();
        assertThat(subscribed.channel()).isEqualTo("c");
        assertThat(subscribed.options().priority()).isEqualTo(2);
        assertThat(chSubscribes.next().channel()).isEqualTo("c");
        assertThat(changes.next()).isEqualTo(new ClientEvents.SubscribeStateChange("c", ChannelState.PENDING,
                ChannelState.SUBSCRIBED));
        assertThat(ch.state()).isEqualTo(ChannelState.SUBSCRIBED);
        assertThat(ch.isSubscribed(false)).isTrue();
        assertThat(client.subscriptions(false)).containsExactly("c");
        ServerSocket socket = server.nextSocket();
        await().atMost(WAIT).until(() -> socket.isSubscribed("c"));

        ch.unsubscribe();
        assertThat(ch.state()).isEqualTo(ChannelState.UNSUBSCRIBED);
        assertThat(unsubscribes.next().channel()).isEqualTo("c");
        assertThat(chUnsubscribes.next().channel()).isEqualTo("c");
        assertThat(changes.next()).isEqualTo(new ClientEvents.SubscribeStateChange("c", ChannelState.SUBSCRIBED,
                ChannelState.UNSUBSCRIBED));
        assertThat(client.subscriptions(true)).isEmpty();
        await().atMost(WAIT).until(() -> !socket.isSubscribed("c"));
    }

    @Test
    void subscribeDataReachesTheServer() {
        var subscriptions = server.server().listener(ServerEvents.SUBSCRIPTION).createConsumer(WAIT);
        client.subscribe("withData", SubscribeOptions.defaults().withData(map("since", 5)));
        ServerEvents.Subscription s = subscriptions.next();
        assertThat(s.channel()).isEqualTo("withData");
        assertThat(s.options().field("data").orElseThrow().asMap()).isEqualTo(Map.of("since", 5));
    }

    @Test
    void aRefusedSubscriptionFailsWithTheServersError() {
        var fails = client.listener(ClientEvents.SUBSCRIBE_FAIL).createConsumer(WAIT);
        ClientChannel ch = client.channel("forbiddenZone");
        var chFails = ch.listener(ClientEvents.SUBSCRIBE_FAIL).createConsumer(WAIT);
        ch.subscribe();
        ClientEvents.SubscribeFail fail = fails.next();
        assertThat(fail.channel()).isEqualTo("forbiddenZone");
        assertThat(fail.error().name()).isEqualTo("ForbiddenChannelError");
        assertThat(fail.error().getMessage()).isEqualTo("Channel is forbidden");
        assertThat(chFails.next().error().name()).isEqualTo("ForbiddenChannelError");
        assertThat(ch.state()).isEqualTo(ChannelState.UNSUBSCRIBED);
        assertThat(client.subscriptions(true)).isEmpty();
    }

    @Test
    void kickOutUnsubscribesAndTellsWhy() {
        var kicks = client.listener(ClientEvents.KICK_OUT).createConsumer(WAIT);
        ClientChannel ch = client.subscribe("k");
        var chKicks = ch.listener(ClientEvents.KICK_OUT).createConsumer(WAIT);
        var chUnsubscribes = ch.listener(ClientEvents.UNSUBSCRIBE).createConsumer(WAIT);
        StreamConsumer<Payload> items = ch.createConsumer(WAIT);
        await().atMost(WAIT).until(() -> ch.state() == ChannelState.SUBSCRIBED);

        client.invokeAndWait("kickMe", map("channel", "k"));
        ClientEvents.KickOut kick = kicks.next();
        assertThat(kick.channel()).isEqualTo("k");
        assertThat(kick.message().asString()).isEqualTo("bye");
        assertThat(chKicks.next().message().asString()).isEqualTo("bye");
        assertThat(chUnsubscribes.next().channel()).isEqualTo("k");
        assertThat(ch.state()).isEqualTo(ChannelState.UNSUBSCRIBED);

        // No longer delivered, and the server agrees.
        client.invokeAndWait("serverPublish", map("channel", "k", "data", "late"));
        ch.subscribe();
        await().atMost(WAIT).until(() -> ch.state() == ChannelState.SUBSCRIBED);
        client.invokeAndWait("serverPublish", map("channel", "k", "data", "again"));
        assertThat(items.next().asString()).isEqualTo("again");
    }

    @Test
    void pendingChannelsAreSubscribedInDescendingPriorityAfterTheHandshake() throws Exception {
        client.close();
        var subscriptions = server.server().listener(ServerEvents.SUBSCRIPTION).createConsumer(WAIT);
        client = SwitchboardClient.create(server.clientOptions().autoConnect(false).build());
        client.subscribe("low", SubscribeOptions.defaults().withPriority(1));
        client.subscribe("high", SubscribeOptions.defaults().withPriority(5));
        client.subscribe("zero");
        client.subscribe("mid", SubscribeOptions.defaults().withPriority(3));
        assertThat(client.channel("high").state()).isEqualTo(ChannelState.PENDING);
        client.connect().get(5, TimeUnit.SECONDS);
        assertThat(List.of(subscriptions.next().channel(), subscriptions.next().channel(),
                subscriptions.next().channel(), subscriptions.next().channel()))
                .containsExactly("high", "mid", "low", "zero");

        // Again after a reconnect: the subscribed channels go back to pending and are resubscribed in order.
        await().atMost(WAIT).until(() -> client.subscriptions(false).size() == 4);
        var changes = client.listener(ClientEvents.SUBSCRIBE_STATE_CHANGE).createConsumer(WAIT);
        client.invokeAndWait("disconnectMe", map("code", 4100, "reason", "again"));
        assertThat(subscriptions.next().channel()).isEqualTo("high");
        assertThat(List.of(subscriptions.next().channel(), subscriptions.next().channel(),
                subscriptions.next().channel())).containsExactly("mid", "low", "zero");
        List<ClientEvents.SubscribeStateChange> seen = List.of(changes.next(), changes.next(), changes.next(),
                changes.next());
        assertThat(seen).allSatisfy(c -> assertThat(c.newState()).isEqualTo(ChannelState.PENDING));
        await().atMost(WAIT).until(() -> client.subscriptions(false).size() == 4);
    }

    @Test
    void publicationsArriveWhilePendingAndAreDroppedWhenUnsubscribed() {
        client.close();
        client = SwitchboardClient.create(server.clientOptions().autoSubscribeOnConnect(false).build());
        client.connect().join();
        ClientChannel ch = client.subscribe("p"); // not sent: autoSubscribeOnConnect is off
        StreamConsumer<Payload> items = ch.createConsumer(WAIT);
        assertThat(ch.state()).isEqualTo(ChannelState.PENDING);
        client.processPendingSubscriptions();
        await().atMost(WAIT).until(() -> ch.state() == ChannelState.SUBSCRIBED);
        client.invokeAndWait("serverPublish", map("channel", "p", "data", 1));
        assertThat(items.next().asLong()).isEqualTo(1);
    }

    @Test
    void waitForAuthChannelsAreSentOnlyOnceAuthenticated() {
        var requests = client.listener(ClientEvents.SUBSCRIBE_REQUEST).createConsumer(WAIT);
        ClientChannel open = client.subscribe("public");
        ClientChannel priv = client.subscribe("private", SubscribeOptions.defaults().withWaitForAuth(true));
        assertThat(requests.next().channel()).isEqualTo("public");
        await().atMost(WAIT).until(() -> open.state() == ChannelState.SUBSCRIBED);
        assertThat(priv.state()).isEqualTo(ChannelState.PENDING);
        assertThat(client.subscriptions(true)).containsExactlyInAnyOrder("public", "private");

        client.invokeAndWait("login", map("username", "alice"));
        ClientEvents.SubscribeRequest request = requests.next();
        assertThat(request.channel()).isEqualTo("private");
        assertThat(request.options().waitForAuth()).isTrue();
        await().atMost(WAIT).until(() -> priv.state() == ChannelState.SUBSCRIBED);
    }

    @Test
    void closingAChannelEndsItsConsumersButKeepsTheSubscription() {
        ClientChannel ch = client.subscribe("c");
        StreamConsumer<Payload> items = ch.createConsumer(WAIT);
        var subscribes = ch.listener(ClientEvents.SUBSCRIBE).createConsumer(WAIT);
        await().atMost(WAIT).until(() -> ch.state() == ChannelState.SUBSCRIBED);
        client.invokeAndWait("serverPublish", map("channel", "c", "data", 1));
        await().atMost(WAIT).until(() -> ch.backpressure() == 1);
        ch.close();
        assertThat(items.next().asLong()).isEqualTo(1); // drains first
        assertThat(items.hasNext()).isFalse();
        assertThat(subscribes.next()).isNotNull();
        assertThat(subscribes.hasNext()).isFalse();
        assertThat(ch.state()).isEqualTo(ChannelState.SUBSCRIBED);

        StreamConsumer<Payload> again = ch.createConsumer(WAIT);
        client.invokeAndWait("serverPublish", map("channel", "c", "data", 2));
        assertThat(again.next().asLong()).isEqualTo(2);
        ch.kill();
        assertThat(again.hasNext()).isFalse();
    }

    @Test
    void channelPrefixIsAddedOnTheWireAndStrippedOnReceipt() {
        client.close();
        client = SwitchboardClient.create(server.clientOptions().channelPrefix("app1/").build());
        var subscriptions = server.server().listener(ServerEvents.SUBSCRIPTION).createConsumer(WAIT);
        ClientChannel ch = client.subscribe("news");
        StreamConsumer<Payload> items = ch.createConsumer(WAIT);
        assertThat(subscriptions.next().channel()).isEqualTo("app1/news");
        await().atMost(WAIT).until(() -> ch.state() == ChannelState.SUBSCRIBED);
        client.invokeAndWait("serverPublish", map("channel", "app1/news", "data", "x"));
        assertThat(items.next().asString()).isEqualTo("x");
        client.transmitPublish("news", "y");
        assertThat(items.next().asString()).isEqualTo("y");
    }
}
