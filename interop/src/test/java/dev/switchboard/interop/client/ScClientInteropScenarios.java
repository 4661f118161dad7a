package dev.switchboard.interop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.AuthState;
import dev.switchboard.client.AuthTokenStore;
import dev.switchboard.client.ChannelState;
import dev.switchboard.client.ClientChannel;
import dev.switchboard.client.ClientEvents;
import dev.switchboard.client.ClientOptions;
import dev.switchboard.client.ClientState;
import dev.switchboard.client.ClientTimeoutException;
import dev.switchboard.client.ReconnectOptions;
import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.stream.StreamConsumer;
import dev.switchboard.interop.FixtureServer;
import dev.switchboard.interop.FixtureSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Switchboard's Java client against a server implementing the interop fixture contract
 * ({@code interop/node/reference-server.js}): subclasses start the real socketcluster-server 20.0.1
 * or Switchboard's Java fixture ({@code ScFixtureApp}); the scenarios are the same.
 */
@Timeout(30)
abstract class ScClientInteropScenarios {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final List<SwitchboardClient> clients = new ArrayList<>();
    private FixtureServer fixture;

    /** Starts a fresh fixture with these ping settings. */
    protected abstract FixtureServer startFixture(FixtureSettings settings) throws Exception;

    /**
     * Whether {@code transmitPublish(channel, null)} reaches subscribers as JSON null (socketcluster-server
     * does); see the Switchboard subclass.
     */
    protected boolean deliversNullPublications() {
        return true;
    }

    @AfterEach
    void stop() {
        clients.forEach(SwitchboardClient::close);
        if (fixture != null) {
            fixture.close();
        }
    }

    private FixtureServer fixture() throws Exception {
        if (fixture == null) {
            fixture = startFixture(FixtureSettings.DEFAULTS);
        }
        return fixture;
    }

    private ClientOptions.Builder options() throws Exception {
        FixtureServer f = fixture();
        return ClientOptions.builder().host(f.host()).port(f.port())
                .ackTimeout(Duration.ofSeconds(4)).connectTimeout(Duration.ofSeconds(5))
                .reconnectOptions(ReconnectOptions.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(2)));
    }

    private SwitchboardClient client(ClientOptions.Builder options) {
        SwitchboardClient c = SwitchboardClient.create(options.build());
        clients.add(c);
        return c;
    }

    private SwitchboardClient client() throws Exception {
        return client(options());
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // ---- scenarios ----

    @Test
    void handshake() throws Exception {
        SwitchboardClient c = client();
        ClientEvents.Connect connect = c.connect().get(10, TimeUnit.SECONDS);
        assertThat(connect.id()).isNotEmpty();
        assertThat(connect.pingTimeout()).isEqualTo(FixtureSettings.DEFAULTS.pingTimeout());
        assertThat(connect.isAuthenticated()).isFalse();
        assertThat(connect.authError()).isEmpty();
        assertThat(c.state()).isEqualTo(ClientState.OPEN);
        assertThat(c.id()).contains(connect.id());
    }

    @Test
    void invokeWithRepliesAndCustomErrors() throws Exception {
        SwitchboardClient c = client();
        assertThat(c.invokeAndWait("echo", map("a", List.of(1, "two"))).asMap()).isEqualTo(map("a", List.of(1, "two")));
        assertThat(c.invokeAndWait("echo", Payload.nullValue()).isNull()).isTrue();
        assertThat(c.invokeAndWait("echo", Payload.none()).isNone()).isTrue();

        assertThatThrownBy(() -> c.invokeAndWait("fail", Payload.none()))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.name()).isEqualTo("BadCustomError");
                    assertThat(e.getMessage()).isEqualTo("This is a bad custom error");
                    assertThat(e.fields()).containsEntry("code", 42);
                });
        assertThatThrownBy(() -> c.invokeAndWait("blockedProc", 1))
                .isInstanceOfSatisfying(RemoteException.class, e -> {
                    assertThat(e.name()).isEqualTo("BlockedProcedureError");
                    assertThat(e.getMessage()).isEqualTo("blocked by middleware");
                });
        assertThatThrownBy(() -> c.invokeAndWait("noHandler", 1, Duration.ofMillis(500)))
                .isInstanceOf(ClientTimeoutException.class);
    }

    @Test
    void transmitFooIsEchoedAsFooEcho() throws Exception {
        SwitchboardClient c = client();
        StreamConsumer<Payload> echoes = c.receiver("fooEcho").createConsumer(WAIT);
        c.transmit("foo", map("n", 1)); // buffered until the handshake, then sent
        c.transmit("foo", "second");
        assertThat(echoes.next().asMap()).isEqualTo(map("n", 1));
        assertThat(echoes.next().asString()).isEqualTo("second");
    }

    @Test
    void publishAndSubscribeBothWays() throws Exception {
        SwitchboardClient c = client();
        SwitchboardClient other = client();
        ClientChannel ch = c.subscribe("news");
        ClientChannel otherCh = other.subscribe("news");
        StreamConsumer<Payload> items = ch.createConsumer(WAIT);
        StreamConsumer<Payload> otherItems = otherCh.createConsumer(WAIT);
        await().atMost(WAIT).until(() -> ch.state() == ChannelState.SUBSCRIBED && otherCh.state() == ChannelState.SUBSCRIBED);

        assertThat(c.invokeAndWait("serverPublish", map("channel", "news", "data", "from server")).asString())
                .isEqualTo("ok");
        assertThat(c.invokeAndWait("serverInvokePublish", map("channel", "news", "data", map("k", 2))).asString())
                .isEqualTo("ok");
        c.transmitPublish("news", "from client");
        assertThat(c.invokePublish("news", List.of(1, 2)).get(10, TimeUnit.SECONDS).isNone()).isTrue();
        c.transmitPublish("news", Payload.nullValue());

        for (StreamConsumer<Payload> consumer : List.of(items, otherItems)) {
            assertThat(consumer.next().asString()).isEqualTo("from server");
            assertThat(consumer.next().asMap()).isEqualTo(map("k", 2));
            assertThat(consumer.next().asString()).isEqualTo("from client"); // the publisher gets its own too
            assertThat(consumer.next().asList()).containsExactly(1, 2);
            Payload last = consumer.next();
            if (deliversNullPublications()) {
                assertThat(last.isNull()).as("null publication, got %s", last).isTrue();
            } else {
                assertThat(last.isNull() || last.isNone()).as("null publication, got %s", last).isTrue();
            }
        }
    }

    @Test
    void aForbiddenChannelFailsToSubscribe() throws Exception {
        SwitchboardClient c = client();
        var fails = c.listener(ClientEvents.SUBSCRIBE_FAIL).createConsumer(WAIT);
        ClientChannel ch = c.subscribe("forbiddenRoom");
        ClientEvents.SubscribeFail fail = fails.next();
        assertThat(fail.channel()).isEqualTo("forbiddenRoom");
        assertThat(fail.error().name()).isEqualTo("ForbiddenChannelError");
        assertThat(ch.state()).isEqualTo(ChannelState.UNSUBSCRIBED);
    }

    @Test
    void loginThenReconnectStaysAuthenticated() throws Exception {
        AuthTokenStore store = AuthTokenStore.inMemory();
        SwitchboardClient c = client(options().authTokenStore(store));
        var authenticates = c.listener(ClientEvents.AUTHENTICATE).createConsumer(WAIT);
        assertThat(c.invokeAndWait("login", map("username", "alice")).asString()).isEqualTo("ok");
        ClientEvents.Authenticate authenticate = authenticates.next();
        assertThat(authenticate.authToken()).containsEntry("username", "alice");
        assertThat(c.authState()).isEqualTo(AuthState.AUTHENTICATED);
        await().atMost(WAIT).until(() -> store.load(c.options().authTokenName()).isPresent());
        assertThat(c.invokeAndWait("whoami", Payload.none()).asString()).isEqualTo("alice");

        var connects = c.listener(ClientEvents.CONNECT).createConsumer(WAIT);
        c.reconnect();
        ClientEvents.Connect connect = connects.next();
        assertThat(connect.isAuthenticated()).isTrue();
        assertThat(c.invokeAndWait("whoami", Payload.none()).asString()).isEqualTo("alice");

        // deauthenticate: the server forgets the token too.
        c.deauthenticate().get(10, TimeUnit.SECONDS);
        assertThat(c.authState()).isEqualTo(AuthState.UNAUTHENTICATED);
        await().atMost(WAIT).until(() -> c.invokeAndWait("whoami", Payload.none()).isNull());
        assertThat(store.load(c.options().authTokenName())).isEmpty();
    }

    @Test
    void aBadTokenIsRejectedAndRemoved() throws Exception {
        AuthTokenStore store = AuthTokenStore.inMemory();
        ClientOptions.Builder options = options().authTokenStore(store).autoConnect(false);
        String name = options.build().authTokenName();
        store.save(name, hs256("{\"username\":\"mallory\"}", "not-the-testkey"));
        SwitchboardClient c = client(options);
        var removed = c.listener(ClientEvents.REMOVE_AUTH_TOKEN).createConsumer(WAIT);
        ClientEvents.Connect connect = c.connect().get(10, TimeUnit.SECONDS);
        assertThat(connect.isAuthenticated()).isFalse();
        assertThat(connect.authError()).hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("AuthTokenInvalidError"));
        removed.next();
        assertThat(store.load(name)).isEmpty();
        assertThat(c.authState()).isEqualTo(AuthState.UNAUTHENTICATED);

        // A token signed with the fixture's key works with authenticate().
        assertThat(c.authenticate(hs256("{\"username\":\"trent\"}", "testkey")).get(10, TimeUnit.SECONDS)
                .isAuthenticated()).isTrue();
        assertThat(c.invokeAndWait("whoami", Payload.none()).asString()).isEqualTo("trent");
    }

    @Test
    void kickOut() throws Exception {
        SwitchboardClient c = client();
        ClientChannel ch = c.subscribe("lobby");
        var kicks = ch.listener(ClientEvents.KICK_OUT).createConsumer(WAIT);
        await().atMost(WAIT).until(() -> ch.state() == ChannelState.SUBSCRIBED);
        assertThat(c.invokeAndWait("kickMe", map("channel", "lobby")).asString()).isEqualTo("ok");
        assertThat(kicks.next().message().asString()).isEqualTo("bye");
        assertThat(ch.state()).isEqualTo(ChannelState.UNSUBSCRIBED);
    }

    @Test
    void aServerRestartReconnectsAndResubscribes() throws Exception {
        SwitchboardClient c = client();
        ClientChannel ch = c.subscribe("events");
        StreamConsumer<Payload> items = ch.createConsumer(WAIT);
        var subscribes = ch.listener(ClientEvents.SUBSCRIBE).createConsumer(WAIT);
        var disconnects = c.listener(ClientEvents.DISCONNECT).createConsumer(WAIT);
        subscribes.next();
        String firstId = c.id().orElseThrow();

        assertThat(c.invokeAndWait("restart", Payload.none()).asString()).isEqualTo("ok");
        assertThat(disconnects.next().code()).isEqualTo(1006);
        subscribes.next(); // resubscribed on the restarted server
        assertThat(c.id()).isPresent().isNotEqualTo(java.util.Optional.of(firstId));
        for (int i = 0; i < 20; i++) {
            c.invokeAndWait("serverPublish", map("channel", "events", "data", i));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(items.next().asLong()).isEqualTo(i);
        }
    }

    @Test
    void disconnectMeClosesWith4321AndTheClientReconnects() throws Exception {
        SwitchboardClient c = client();
        var closes = c.listener(ClientEvents.CLOSE).createConsumer(WAIT);
        var connects = c.listener(ClientEvents.CONNECT).createConsumer(WAIT);
        connects.next();
        assertThat(c.invokeAndWait("disconnectMe", Payload.none()).asString()).isEqualTo("ok");
        assertThat(closes.next()).isEqualTo(new ClientEvents.Close(4321, "bye"));
        connects.next(); // 4321 < 4500: reconnected
        assertThat(c.invokeAndWait("echo", 1).asLong()).isEqualTo(1);
    }

    @Test
    void fastPingsAreAnswered() throws Exception {
        fixture = startFixture(new FixtureSettings(100, 500));
        SwitchboardClient c = client(options().autoConnect(false));
        var messages = c.listener(ClientEvents.MESSAGE).createConsumer(WAIT);
        ClientEvents.Connect connect = c.connect().get(10, TimeUnit.SECONDS);
        assertThat(connect.pingTimeout()).isEqualTo(Duration.ofMillis(500));
        int pings = 0;
        while (pings < 12) { // 1.2 s of pings, more than twice the server's pong timeout
            if (messages.next().message().isEmpty()) {
                pings++;
            }
        }
        assertThat(c.state()).isEqualTo(ClientState.OPEN);
        assertThat(c.id()).contains(connect.id());
    }

    /** An HS256 JWT with {@code claims} signed with {@code secret} (the fixture's key is {@code testkey}). */
    static String hs256(String claimsJson, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return header + "." + payload + "." + b64.encodeToString(mac.doFinal((header + "." + payload)
                .getBytes(StandardCharsets.US_ASCII)));
    }
}
