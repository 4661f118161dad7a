package dev.switchboard.client;

import static dev.switchboard.client.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.RemoteException;
import dev.switchboard.server.AuthState;
import dev.switchboard.server.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** JWT auth: #setAuthToken, stored tokens on reconnect, bad tokens, deauthentication, authenticate(). */
@Timeout(20)
class ClientAuthTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private TestServer server;
    private AuthTokenStore store;
    private SwitchboardClient client;

    @BeforeEach
    void start() {
        server = TestServer.start();
        store = AuthTokenStore.inMemory();
        client = SwitchboardClient.create(server.clientOptions().authTokenStore(store).build());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private String tokenName() {
        return client.options().authTokenName();
    }

    @Test
    void setAuthTokenFromTheServerAuthenticatesAndStoresTheToken() throws Exception {
        var stateChanges = client.listener(ClientEvents.AUTH_STATE_CHANGE).createConsumer(WAIT);
        var authenticates = client.listener(ClientEvents.AUTHENTICATE).createConsumer(WAIT);
        client.connect().get(5, TimeUnit.SECONDS);
        ServerSocket socket = server.nextSocket();

        assertThat(client.invokeAndWait("login", map("username", "alice")).asString()).isEqualTo("ok");
        ClientEvents.AuthStateChange change = stateChanges.next();
        assertThat(change.oldState()).isEqualTo(dev.switchboard.client.AuthState.UNAUTHENTICATED);
        assertThat(change.newState()).isEqualTo(dev.switchboard.client.AuthState.AUTHENTICATED);
        ClientEvents.Authenticate authenticate = authenticates.next();
        assertThat(authenticate.authToken()).containsEntry("username", "alice").containsKeys("iat", "exp");

        assertThat(client.authState()).isEqualTo(dev.switchboard.client.AuthState.AUTHENTICATED);
        assertThat(client.authToken()).hasValueSatisfying(t -> assertThat(t).containsEntry("username", "alice"));
        String signed = client.signedAuthToken().orElseThrow();
        assertThat(signed).isEqualTo(socket.signedAuthToken().orElseThrow());
        await().atMost(WAIT).until(() -> store.load(tokenName()).equals(Optional.of(signed)));
    }

    @Test
    void theStoredTokenIsSentWithTheNextHandshake() throws Exception {
        client.invokeAndWait("login", map("username", "bob"));
        await().atMost(WAIT).until(() -> store.load(tokenName()).isPresent());
        server.nextSocket();
        var connects = client.listener(ClientEvents.CONNECT).createConsumer(WAIT);

        client.invokeAndWait("disconnectMe", map("code", 4100, "reason", "reconnect please"));
        ClientEvents.Connect connect = connects.next();
        assertThat(connect.isAuthenticated()).isTrue();
        assertThat(connect.authToken()).isEqualTo(store.load(tokenName()));
        ServerSocket second = server.nextSocket();
        assertThat(second.authState()).isEqualTo(AuthState.AUTHENTICATED);
        assertThat(client.invokeAndWait("whoami", "").asString()).isEqualTo("bob");
        assertThat(client.authState()).isEqualTo(dev.switchboard.client.AuthState.AUTHENTICATED);

        // A brand-new client sharing the store also starts authenticated.
        try (SwitchboardClient other = SwitchboardClient.create(server.clientOptions().authTokenStore(store).build())) {
            assertThat(other.connect().get(5, TimeUnit.SECONDS).isAuthenticated()).isTrue();
            assertThat(other.invokeAndWait("whoami", "").asString()).isEqualTo("bob");
        }
    }

    @Test
    void aBadStoredTokenIsReportedAndRemoved() throws Exception {
        client.close();
        store.save("socketcluster.authToken.127.0.0.1:" + server.port(), hs256("{\"username\":\"mallory\"}", "wrong-key"));
        client = SwitchboardClient.create(server.clientOptions().authTokenStore(store).autoConnect(false).build());
        var removed = client.listener(ClientEvents.REMOVE_AUTH_TOKEN).createConsumer(WAIT);

        ClientEvents.Connect connect = client.connect().get(5, TimeUnit.SECONDS);
        assertThat(connect.isAuthenticated()).isFalse();
        assertThat(connect.authError()).hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("AuthTokenInvalidError"));
        assertThat(removed.next().oldAuthToken()).isPresent();
        assertThat(store.load(tokenName())).isEmpty();
        assertThat(client.authState()).isEqualTo(dev.switchboard.client.AuthState.UNAUTHENTICATED);
        assertThat(client.invokeAndWait("whoami", "").isNull()).isTrue();
    }

    @Test
    void theServerCanDeauthenticateTheClient() {
        client.invokeAndWait("login", map("username", "carol"));
        await().atMost(WAIT).until(() -> store.load(tokenName()).isPresent());
        var deauths = client.listener(ClientEvents.DEAUTHENTICATE).createConsumer(WAIT);
        var removed = client.listener(ClientEvents.REMOVE_AUTH_TOKEN).createConsumer(WAIT);

        client.invokeAndWait("deauth", "");
        ClientEvents.Deauthenticate deauth = deauths.next();
        assertThat(deauth.oldAuthToken()).hasValueSatisfying(t -> assertThat(t).containsEntry("username", "carol"));
        assertThat(removed.next().oldAuthToken()).isPresent();
        assertThat(client.authState()).isEqualTo(dev.switchboard.client.AuthState.UNAUTHENTICATED);
        assertThat(client.signedAuthToken()).isEmpty();
        await().atMost(WAIT).until(() -> store.load(tokenName()).isEmpty());
    }

    @Test
    void deauthenticateRemovesTheTokenLocallyAndOnTheServer() throws Exception {
        client.invokeAndWait("login", map("username", "dave"));
        ServerSocket socket = server.nextSocket();
        await().atMost(WAIT).until(() -> socket.authState() == AuthState.AUTHENTICATED && store.load(tokenName()).isPresent());

        client.deauthenticate().get(5, TimeUnit.SECONDS);
        assertThat(store.load(tokenName())).isEmpty();
        assertThat(client.authState()).isEqualTo(dev.switchboard.client.AuthState.UNAUTHENTICATED);
        await().atMost(WAIT).until(() -> socket.authState() == AuthState.UNAUTHENTICATED);
        assertThat(client.invokeAndWait("whoami", "").isNull()).isTrue();
    }

    @Test
    void authenticateWithAToken() throws Exception {
        String token;
        try (SwitchboardClient issuer = server.client()) {
            issuer.invokeAndWait("login", map("username", "erin"));
            await().atMost(WAIT).until(() -> issuer.signedAuthToken().isPresent());
            token = issuer.signedAuthToken().orElseThrow();
        }
        AuthStatus status = client.authenticate(token).get(5, TimeUnit.SECONDS);
        assertThat(status.isAuthenticated()).isTrue();
        assertThat(status.authError()).isEmpty();
        assertThat(client.authState()).isEqualTo(dev.switchboard.client.AuthState.AUTHENTICATED);
        assertThat(client.invokeAndWait("whoami", "").asString()).isEqualTo("erin");
        await().atMost(WAIT).until(() -> store.load(tokenName()).equals(Optional.of(token)));

        ExecutionException bad = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> client.authenticate(hs256("{\"username\":\"x\"}", "wrong-key")).get(5, TimeUnit.SECONDS));
        assertThat(bad.getCause()).isInstanceOfSatisfying(RemoteException.class,
                e -> assertThat(e.name()).isEqualTo("AuthTokenInvalidError"));
        assertThat(client.authState()).isEqualTo(dev.switchboard.client.AuthState.UNAUTHENTICATED);
    }

    @Test
    void aFileStoreKeepsTheTokenForTheNextClient(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokens.properties");
        client.close();
        client = SwitchboardClient.create(server.clientOptions().authTokenStore(AuthTokenStore.file(file)).build());
        client.invokeAndWait("login", map("username", "frank"));
        await().atMost(WAIT).until(() -> Files.exists(file)
                && Files.readString(file).contains(client.signedAuthToken().orElse("-")));
        client.close();

        client = SwitchboardClient.create(server.clientOptions().authTokenStore(AuthTokenStore.file(file)).build());
        assertThat(client.connect().get(5, TimeUnit.SECONDS).isAuthenticated()).isTrue();
        assertThat(client.invokeAndWait("whoami", "").asString()).isEqualTo("frank");

        AuthTokenStore fileStore = AuthTokenStore.file(file);
        assertThat(fileStore.remove(tokenName())).isPresent();
        assertThat(fileStore.load(tokenName())).isEmpty();
        assertThatThrownBy(() -> fileStore.load(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void setAuthTokenAndRemoveAuthTokenAlsoWorkAsCallsAndAreAnswered() throws Exception {
        String token = hs256("{\"username\":\"gina\"}", TestServer.SECRET);
        var removed = client.listener(ClientEvents.REMOVE_AUTH_TOKEN).createConsumer(WAIT);
        // The server invokes #setAuthToken / #removeAuthToken on the client (callMe relays the client's answer).
        assertThat(client.invokeAndWait("callMe", map("procedure", "#setAuthToken", "data", map("token", token))).isNone())
                .isTrue();
        assertThat(client.authState()).isEqualTo(dev.switchboard.client.AuthState.AUTHENTICATED);
        assertThat(client.authToken()).hasValueSatisfying(t -> assertThat(t).containsEntry("username", "gina"));
        await().atMost(WAIT).until(() -> store.load(tokenName()).equals(Optional.of(token)));

        assertThatThrownBy(() -> client.invokeAndWait("callMe", map("procedure", "#setAuthToken")))
                .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.name()).isEqualTo("InvalidMessageError"));

        assertThat(client.invokeAndWait("callMe", map("procedure", "#removeAuthToken")).isNone()).isTrue();
        assertThat(removed.next().oldAuthToken()).contains(token);
        assertThat(client.authState()).isEqualTo(dev.switchboard.client.AuthState.UNAUTHENTICATED);
        assertThat(store.load(tokenName())).isEmpty();
    }

    /** An HS256 JWT with {@code claims} signed with {@code secret}. */
    static String hs256(String claimsJson, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = b64.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        return header + "." + payload + "." + signature;
    }
}
