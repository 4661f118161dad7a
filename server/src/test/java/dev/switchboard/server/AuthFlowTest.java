package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.RemoteException;
import dev.switchboard.core.stream.StreamConsumer;
import dev.switchboard.server.auth.AuthEngine;
import dev.switchboard.server.auth.AuthOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** JWT auth over the socket: {@code #setAuthToken}, handshake tokens, {@code #authenticate}, expiry (spec §3, §4.5). */
class AuthFlowTest extends ServerTestSupport {
    /** {@code jwt.sign({username:'bob', iat:1700000000, exp:4102444800}, 'testkey')} by Node's jsonwebtoken. */
    static final String NODE_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            + "eyJ1c2VybmFtZSI6ImJvYiIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjo0MTAyNDQ0ODAwfQ."
            + "9ut1r0AYAos0idcJ1GaSTG0ncGF6aod6zh3PnpIVkSs";

    /** A clock the test moves by hand. */
    static final class MutableClock implements InstantSource {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }
    }

    private final MutableClock clock = new MutableClock();
    private AuthOptions auth;
    private AuthEngine engine;

    @BeforeEach
    void startServer() {
        auth = AuthOptions.builder().secret("testkey").clock(clock).build();
        engine = AuthEngine.create(auth);
        start(b -> b.auth(auth));
    }

    @Test
    void setAuthTokenSendsTheTokenAndAuthenticatesTheSocket() {
        StreamConsumer<ServerEvents.Authentication> authentications = events(ServerEvents.AUTHENTICATION);
        StreamConsumer<ServerEvents.AuthStateChange> changes = events(ServerEvents.AUTHENTICATION_STATE_CHANGE);
        RawSocket client = connect();
        client.handshake();
        ServerSocket socket = serverSocket(client);
        StreamConsumer<ServerEvents.AuthStateChange> ownChanges = events(socket, SocketEvents.AUTH_STATE_CHANGE);
        assertThat(socket.authState()).isEqualTo(AuthState.UNAUTHENTICATED);

        socket.setAuthToken(Map.of("username", "bob"));
        JsonNode frame = client.nextJson();
        String token = frame.at("/data/token").asString();
        assertThat(frame).isEqualTo(Wire.json("{'event':'#setAuthToken','data':{'token':'" + token + "'}}"));

        Map<String, Object> claims = engine.verify(token);
        assertThat(claims).containsEntry("username", "bob").containsKeys("iat", "exp");
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue())
                .isEqualTo(AuthOptions.DEFAULT_EXPIRY.toSeconds());
        assertThat(socket.authState()).isEqualTo(AuthState.AUTHENTICATED);
        assertThat(socket.authToken()).hasValueSatisfying(t -> assertThat(t).containsEntry("username", "bob"));
        assertThat(socket.signedAuthToken()).contains(token);

        ServerEvents.Authentication authentication = authentications.next();
        assertThat(authentication.socket().id()).isEqualTo(client.id());
        assertThat(authentication.authToken()).containsEntry("username", "bob");
        ServerEvents.AuthStateChange change = changes.next();
        assertThat(change.oldAuthState()).isEqualTo(AuthState.UNAUTHENTICATED);
        assertThat(change.newAuthState()).isEqualTo(AuthState.AUTHENTICATED);
        assertThat(ownChanges.next().newAuthState()).isEqualTo(AuthState.AUTHENTICATED);
    }

    @Test
    void setAuthTokenWithExplicitExpiry() {
        RawSocket client = connect();
        client.handshake();
        serverSocket(client).setAuthToken(Map.of("username", "bob"), Duration.ofMinutes(5));
        Map<String, Object> claims = engine.verify(client.nextJson().at("/data/token").asString());
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue()).isEqualTo(300);
    }

    @Test
    void reconnectingWithTheTokenIsAuthenticated() {
        RawSocket first = connect();
        first.handshake();
        serverSocket(first).setAuthToken(Map.of("username", "bob"));
        String token = first.nextJson().at("/data/token").asString();
        first.close();

        StreamConsumer<ServerEvents.Connection> connections = events(ServerEvents.CONNECTION);
        RawSocket second = connect();
        JsonNode reply = second.handshake(token);
        assertThat(reply).isEqualTo(Wire.json("{'rid':1,'data':{'id':'" + second.id()
                + "','pingTimeout':30000,'isAuthenticated':true}}"));
        second.assertNoFrame(QUIET); // no #setAuthToken after a token handshake
        ServerEvents.Connection connection = connections.next();
        assertThat(connection.isAuthenticated()).isTrue();
        assertThat(connection.socket().authToken()).hasValueSatisfying(t -> assertThat(t).containsEntry("username", "bob"));
        assertThat(connection.socket().signedAuthToken()).contains(token);
    }

    @Test
    void tokenSignedByNodeJsonwebtokenIsAccepted() {
        RawSocket client = connect();
        JsonNode reply = client.handshake(NODE_TOKEN);
        assertThat(reply.at("/data/isAuthenticated").asBoolean()).isTrue();
        assertThat(serverSocket(client).authToken()).hasValueSatisfying(t -> assertThat(t).containsEntry("username", "bob"));
    }

    @Test
    void badTokenInHandshakeRepliesWithAuthErrorThenRemoveAuthToken() {
        StreamConsumer<ServerEvents.BadAuthToken> badTokens = events(ServerEvents.BAD_SOCKET_AUTH_TOKEN);
        String forged = AuthEngine.create(AuthOptions.builder().secret("otherkey").build()).sign(Map.of("username", "eve"));
        for (String bad : List.of("garbage", forged)) {
            RawSocket client = connect();
            JsonNode reply = client.handshake(bad);
            assertThat(reply.at("/data/isAuthenticated").asBoolean()).isFalse();
            JsonNode authError = reply.at("/data/authError");
            assertThat(authError.get("name").asString()).isEqualTo("AuthTokenInvalidError");
            assertThat(authError.get("isBadToken").asBoolean()).isTrue();
            assertThat(authError.get("message").asString()).isNotBlank();
            assertThat(authError.has("stack")).isFalse();
            assertThat(reply.get("data").properties()).extracting(Map.Entry::getKey)
                    .containsExactlyInAnyOrder("id", "pingTimeout", "isAuthenticated", "authError");
            Wire.assertWire(client.next(), "{'event':'#removeAuthToken'}");
            assertThat(serverSocket(client).authState()).isEqualTo(AuthState.UNAUTHENTICATED);
            ServerEvents.BadAuthToken event = badTokens.next();
            assertThat(event.signedAuthToken()).isEqualTo(bad);
            assertThat(event.authError().name()).isEqualTo("AuthTokenInvalidError");
        }
    }

    @Test
    void expiredTokenInHandshakeIsAnAuthTokenExpiredError() {
        String token = engine.sign(Map.of("username", "bob"), java.util.Optional.of(Duration.ofSeconds(10)));
        clock.advance(Duration.ofMinutes(1));
        RawSocket client = connect();
        JsonNode reply = client.handshake(token);
        JsonNode authError = reply.at("/data/authError");
        assertThat(authError.get("name").asString()).isEqualTo("AuthTokenExpiredError");
        assertThat(authError.get("isBadToken").asBoolean()).isTrue();
        assertThat(authError.has("expiry")).isTrue();
        Wire.assertWire(client.next(), "{'event':'#removeAuthToken'}");
    }

    @Test
    void authenticateWithAValidToken() {
        StreamConsumer<ServerEvents.Authentication> authentications = events(ServerEvents.AUTHENTICATION);
        RawSocket client = connect();
        client.handshake();
        String token = engine.sign(Map.of("username", "carol"));
        long cid = client.call("#authenticate", Wire.str(token));
        Wire.assertWire(client.next(), "{'rid':" + cid + ",'data':{'isAuthenticated':true,'authError':null}}");
        assertThat(serverSocket(client).authToken()).hasValueSatisfying(t -> assertThat(t).containsEntry("username", "carol"));
        assertThat(authentications.next().authToken()).containsEntry("username", "carol");
        client.assertNoFrame(QUIET);
    }

    @Test
    void authenticateWithABadTokenRepliesWithAnErrorThenRemoveAuthToken() {
        StreamConsumer<ServerEvents.Deauthentication> deauthentications = events(ServerEvents.DEAUTHENTICATION);
        RawSocket client = connect();
        client.handshake(engine.sign(Map.of("username", "bob")));
        long cid = client.call("#authenticate", "\"not.a.jwt\"");
        JsonNode reply = client.nextJson();
        assertThat(Wire.isReplyTo(reply, cid)).as("%s", reply).isTrue();
        assertThat(reply.has("data")).isFalse();
        assertThat(reply.at("/error/name").asString()).isEqualTo("AuthTokenInvalidError");
        assertThat(reply.at("/error/isBadToken").asBoolean()).isTrue();
        Wire.assertWire(client.next(), "{'event':'#removeAuthToken'}");
        assertThat(serverSocket(client).authState()).isEqualTo(AuthState.UNAUTHENTICATED);
        assertThat(deauthentications.next().oldAuthToken()).containsEntry("username", "bob");
    }

    @Test
    void authenticateWithANotYetValidTokenReportsWithoutRemovingIt() {
        long now = clock.instant().getEpochSecond();
        String token = engine.sign(Map.of("username", "bob", "nbf", now + 3600));
        RawSocket client = connect();
        client.handshake();
        long cid = client.call("#authenticate", Wire.str(token));
        JsonNode reply = client.nextJson();
        assertThat(Wire.isReplyTo(reply, cid)).as("%s", reply).isTrue();
        assertThat(reply.at("/data/isAuthenticated").asBoolean()).isFalse();
        assertThat(reply.at("/data/authError/name").asString()).isEqualTo("AuthTokenNotBeforeError");
        assertThat(reply.at("/data/authError/isBadToken").asBoolean()).isFalse();
        client.assertNoFrame(QUIET); // not a bad token: no #removeAuthToken
    }

    @Test
    void authenticateMiddlewareBlockReportsTheErrorInTheData() {
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            if (action.type() == ActionType.AUTHENTICATE) {
                action.block(RemoteException.of("BannedError", "banned user"));
            } else {
                action.allow();
            }
        });
        RawSocket client = connect();
        client.handshake();
        long cid = client.call("#authenticate", Wire.str(engine.sign(Map.of("username", "mallory"))));
        Wire.assertWire(client.next(), "{'rid':" + cid
                + ",'data':{'isAuthenticated':false,'authError':{'message':'banned user','name':'BannedError'}}}");
        assertThat(serverSocket(client).authState()).isEqualTo(AuthState.UNAUTHENTICATED);
    }

    @Test
    void authenticateWithoutCidClosesWith4008() {
        RawSocket client = connect();
        client.handshake();
        client.transmit("#authenticate", Wire.str(engine.sign(Map.of("username", "bob"))));
        assertThat(client.awaitClose().code()).isEqualTo(4008);
    }

    @Test
    void removeAuthTokenFromTheClientDeauthenticatesWithoutReply() {
        StreamConsumer<ServerEvents.Deauthentication> deauthentications = events(ServerEvents.DEAUTHENTICATION);
        StreamConsumer<ServerEvents.AuthStateChange> changes = events(ServerEvents.AUTHENTICATION_STATE_CHANGE);
        RawSocket client = connect();
        client.handshake(engine.sign(Map.of("username", "bob")));
        assertThat(changes.next().newAuthState()).isEqualTo(AuthState.AUTHENTICATED);
        client.send(Wire.q("{'event':'#removeAuthToken'}"));
        ServerEvents.Deauthentication event = deauthentications.next();
        assertThat(event.oldAuthToken()).containsEntry("username", "bob");
        ServerEvents.AuthStateChange change = changes.next();
        assertThat(change.oldAuthState()).isEqualTo(AuthState.AUTHENTICATED);
        assertThat(change.newAuthState()).isEqualTo(AuthState.UNAUTHENTICATED);
        assertThat(serverSocket(client).authToken()).isEmpty();
        client.assertNoFrame(QUIET);
    }

    @Test
    void expiredTokenIsDetectedOnTheNextInboundEvent() {
        var expiredSeen = new LinkedBlockingQueue<RemoteException>();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            action.authTokenExpiredError().ifPresent(expiredSeen::add);
            action.allow();
        });
        StreamConsumer<ServerEvents.Deauthentication> deauthentications = events(ServerEvents.DEAUTHENTICATION);
        RawSocket client = connect();
        client.handshake();
        ServerSocket socket = serverSocket(client);
        socket.setAuthToken(Map.of("username", "bob"), Duration.ofSeconds(10));
        client.nextJson(); // #setAuthToken
        assertThat(socket.authState()).isEqualTo(AuthState.AUTHENTICATED);

        clock.advance(Duration.ofSeconds(30));
        assertThat(socket.authState()).as("nothing happens until the client sends something").isEqualTo(AuthState.AUTHENTICATED);
        client.transmit("anything", "1");
        Wire.assertWire(client.next(), "{'event':'#removeAuthToken'}");
        assertThat(socket.authState()).isEqualTo(AuthState.UNAUTHENTICATED);
        assertThat(deauthentications.next().oldAuthToken()).containsEntry("username", "bob");
        RemoteException expired = MessagingTest.poll(expiredSeen);
        assertThat(expired.name()).isEqualTo("AuthTokenExpiredError");
    }

    @Test
    void expiredTokenIsDetectedOnAPongToo() {
        StreamConsumer<ServerEvents.Deauthentication> deauthentications = events(ServerEvents.DEAUTHENTICATION);
        RawSocket client = connect();
        client.handshake(engine.sign(Map.of("username", "bob"), java.util.Optional.of(Duration.ofSeconds(10))));
        ServerSocket socket = serverSocket(client);
        assertThat(socket.authState()).isEqualTo(AuthState.AUTHENTICATED);
        clock.advance(Duration.ofSeconds(30));
        client.send(""); // a pong
        Wire.assertWire(client.next(), "{'event':'#removeAuthToken'}");
        assertThat(deauthentications.next().oldAuthToken()).containsEntry("username", "bob");
        assertThat(socket.authState()).isEqualTo(AuthState.UNAUTHENTICATED);
    }

    @Test
    void deauthenticateSendsRemoveAuthToken() {
        StreamConsumer<ServerEvents.Deauthentication> deauthentications = events(ServerEvents.DEAUTHENTICATION);
        RawSocket client = connect();
        client.handshake(engine.sign(Map.of("username", "bob")));
        ServerSocket socket = serverSocket(client);
        socket.deauthenticate();
        Wire.assertWire(client.next(), "{'event':'#removeAuthToken'}");
        assertThat(socket.authState()).isEqualTo(AuthState.UNAUTHENTICATED);
        assertThat(deauthentications.next().socket().id()).isEqualTo(client.id());
    }

    @Test
    void handshakeMiddlewareSeesTheVerifiedToken() {
        var seen = new LinkedBlockingQueue<Action>();
        server.setMiddleware(MiddlewareType.HANDSHAKE, action -> {
            seen.add(action);
            action.allow();
        });
        String token = engine.sign(Map.of("username", "bob"));
        RawSocket client = connect();
        client.handshake(token);
        MessagingTest.poll(seen); // handshakeWS
        Action sc = MessagingTest.poll(seen);
        assertThat(sc.type()).isEqualTo(ActionType.HANDSHAKE_SC);
        assertThat(sc.signedAuthToken()).contains(token);
        assertThat(sc.authToken()).hasValueSatisfying(t -> assertThat(t).containsEntry("username", "bob"));
        assertThat(sc.data().asMap()).containsEntry("authState", "authenticated");
    }
}
