package dev.switchboard.server.sio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Engine.IO v4 handshake, error answers (codes 0-5) and CORS, byte for byte. */
class EioHandshakeTest extends SioTestSupport {

    private static void assertError(Http.Response r, int code, String message) {
        assertThat(r.status()).as("%s", r).isEqualTo(400);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.text()).isEqualTo("{\"code\":" + code + ",\"message\":\"" + message + "\"}");
    }

    @Test
    void pollingHandshakeAnswersTheOpenPacketWithExactFieldsAndOrder() {
        start();
        Http.Response r = Http.get(port(), PATH + "&t=abc");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(r.header("cache-control")).isEqualTo("no-store");
        assertThat(r.header("content-length")).isEqualTo(String.valueOf(r.body().length));
        assertThat(r.text()).matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\"websocket\"],"
                + "\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
    }

    @Test
    void openPacketReflectsTheConfiguredTimersAndLimit() {
        start(b -> b.pingInterval(Duration.ofMillis(1234)).pingTimeout(Duration.ofMillis(567))
                .maxHttpBufferSize(4096));
        String sid = idlePolling().sid;
        String open = Http.get(port(), PATH).text();
        assertThat(open).matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\"websocket\"],"
                + "\"pingInterval\":1234,\"pingTimeout\":567,\"maxPayload\":4096}");
        assertThat(open).doesNotContain(sid);
    }

    @Test
    void withoutUpgradesThePollingOpenPacketOffersNone() {
        start(b -> b.allowUpgrades(false));
        assertThat(Http.get(port(), PATH).text()).matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[],.*");
    }

    @Test
    void webSocketHandshakeSendsTheOpenPacketAsFirstTextFrameWithoutUpgrades() {
        start();
        WsClient ws = ws();
        assertThat(ws.openPacket).matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[],"
                + "\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
        ws.connect("/");
        ws.assertHealthy();
    }

    @Test
    void sessionIdsAre20UrlSafeCharactersAndUnique() {
        start();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String open = Http.get(port(), PATH).text();
            String sid = open.substring(9, 29);
            assertThat(sid).matches("[A-Za-z0-9_-]{20}");
            ids.add(sid);
        }
        assertThat(ids).hasSize(50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/socket.io/?transport=polling", "/socket.io/?EIO=3&transport=polling",
        "/socket.io/?EIO=abc&transport=polling", "/socket.io/?EIO=5&transport=polling"})
    void missingOrUnsupportedProtocolVersionIsCode5(String target) {
        start();
        assertError(Http.get(port(), target), 5, "Unsupported protocol version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/socket.io/?EIO=4", "/socket.io/?EIO=4&transport=flash",
        "/socket.io/?EIO=4&transport=webtransport", "/socket.io/?EIO=4&transport="})
    void missingOrUnknownTransportIsCode0(String target) {
        start();
        assertError(Http.get(port(), target), 0, "Transport unknown");
    }

    @Test
    void unknownSessionIdIsCode1ForGetPostAndWebSocket() {
        start();
        String target = PATH + "&sid=AAAAAAAAAAAAAAAAAAAA";
        assertError(Http.get(port(), target), 1, "Session ID unknown");
        assertError(Http.post(port(), target, "40"), 1, "Session ID unknown");
        Http.Response ws = Http.upgrade(port(), "/socket.io/?EIO=4&transport=websocket&sid=AAAAAAAAAAAAAAAAAAAA");
        assertThat(ws.status()).isEqualTo(400);
        assertThat(ws.text()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    }

    @Test
    void postHandshakeIsCode2() {
        start();
        assertError(Http.post(port(), PATH, "40"), 2, "Bad handshake method");
        assertError(Http.request(port(), "PUT", PATH, Map.of(), "40".getBytes()), 2, "Bad handshake method");
    }

    @Test
    void webSocketTransportWithoutUpgradeIsCode3() {
        start();
        assertError(Http.get(port(), "/socket.io/?EIO=4&transport=websocket"), 3, "Bad request");
        PollingClient polling = idlePolling();
        assertError(Http.get(port(), "/socket.io/?EIO=4&transport=websocket&sid=" + polling.sid), 3, "Bad request");
    }

    @Test
    void errorsLeaveOtherSessionsAlone() {
        start();
        EioClient healthy = connected(EioClient.Kind.POLLING);
        Http.get(port(), "/socket.io/?EIO=3&transport=polling");
        Http.get(port(), "/socket.io/?EIO=4&transport=nope&sid=" + healthy.sid);
        Http.post(port(), PATH, "40");
        healthy.assertHealthy();
    }

    @Test
    void corsPreflightAndHeadersWhenOriginsAreConfigured() {
        start(b -> b.corsOrigins(List.of("https://app.example")).corsCredentials(true));
        Http.Response preflight = Http.request(port(), "OPTIONS", PATH, Map.of("Origin", "https://app.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"), null);
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("access-control-allow-origin")).isEqualTo("https://app.example");
        assertThat(preflight.header("access-control-allow-credentials")).isEqualTo("true");
        assertThat(preflight.header("access-control-allow-methods")).contains("GET").contains("POST");
        assertThat(preflight.header("access-control-allow-headers")).isEqualTo("content-type");

        Http.Response open = Http.get(port(), PATH, Map.of("Origin", "https://app.example"));
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.header("access-control-allow-origin")).isEqualTo("https://app.example");
        assertThat(open.header("access-control-allow-credentials")).isEqualTo("true");
        String sid = open.text().substring(9, 29);
        String target = PATH + "&sid=" + sid;

        Http.Response post = Http.post(port(), target, Map.of("Origin", "https://app.example",
                "Content-Type", "text/plain;charset=UTF-8"), "40");
        assertThat(post.text()).isEqualTo("ok");
        assertThat(post.header("access-control-allow-origin")).isEqualTo("https://app.example");
        Http.Response get = Http.get(port(), target, Map.of("Origin", "https://app.example"));
        assertThat(get.text()).startsWith("40{\"sid\":");
        assertThat(get.header("access-control-allow-origin")).isEqualTo("https://app.example");

        Http.Response error = Http.get(port(), "/socket.io/?EIO=3", Map.of("Origin", "https://app.example"));
        assertThat(error.header("access-control-allow-origin")).isEqualTo("https://app.example");

        Http.Response other = Http.get(port(), PATH, Map.of("Origin", "https://evil.example"));
        assertThat(other.header("access-control-allow-origin")).isNull();
    }

    @Test
    void noCorsHeadersByDefault() {
        start();
        Http.Response open = Http.get(port(), PATH, Map.of("Origin", "https://app.example"));
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.header("access-control-allow-origin")).isNull();
    }

    @Test
    void cookieCarriesTheSessionIdWhenConfigured() {
        start(b -> b.cookie("io"));
        Http.Response open = Http.get(port(), PATH);
        String sid = open.text().substring(9, 29);
        assertThat(open.header("set-cookie")).startsWith("io=" + sid + ";");
    }
}
