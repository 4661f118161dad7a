package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pure unit tests: the reconnect delay rules, option validation and URI building, JWT claims. */
@Timeout(10)
class OptionsTest {

    private static final ReconnectOptions R = new ReconnectOptions(Duration.ofMillis(10_000), Duration.ofMillis(10_000),
            1.5, Duration.ofMillis(60_000));

    @Test
    void backoffIsInitialPlusRandomnessTimesMultiplierPowerAttemptCappedAtMax() {
        assertThat(R.backoff(0, 0.0)).isEqualTo(Duration.ofMillis(10_000));
        assertThat(R.backoff(0, 0.5)).isEqualTo(Duration.ofMillis(15_000));
        assertThat(R.backoff(1, 0.5)).isEqualTo(Duration.ofMillis(22_500));
        assertThat(R.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(22_500));
        assertThat(R.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(33_750));
        assertThat(R.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(50_625));
        assertThat(R.backoff(4, 0.5)).isEqualTo(Duration.ofMillis(60_000)); // 75,938 capped
        assertThat(R.backoff(50, 0.99)).isEqualTo(Duration.ofMillis(60_000));
        // Rounding as Math.round twice: round(round(100 + 0.3333 * 7) * 1.5^1) = round(102 * 1.5) = 153
        ReconnectOptions small = new ReconnectOptions(Duration.ofMillis(100), Duration.ofMillis(7), 1.5, Duration.ofSeconds(1));
        assertThat(small.backoff(1, 0.3333)).isEqualTo(Duration.ofMillis(153));
    }

    @Test
    void pingAndPongTimeoutsAndNoStatusRetryAtOnceOnlyOnTheFirstAttempt() {
        for (int code : new int[] {4000, 4001, 1005}) {
            assertThat(R.delayAfterClose(code, 0, 0.7)).contains(Duration.ZERO);
            assertThat(R.delayAfterClose(code, 1, 0.0)).contains(Duration.ofMillis(15_000));
        }
    }

    @Test
    void otherCodesBelow4500BackOffAndNormalOrHighCodesNeverReconnect() {
        for (int code : new int[] {1001, 1006, 1011, 4003, 4007, 4008, 4100, 4321, 4499}) {
            assertThat(R.delayAfterClose(code, 0, 0.5)).as("code %d", code).contains(Duration.ofMillis(15_000));
            assertThat(R.delayAfterClose(code, 2, 0.5)).as("code %d", code).contains(Duration.ofMillis(33_750));
        }
        for (int code : new int[] {1000, 4500, 4501, 4999}) {
            assertThat(R.delayAfterClose(code, 0, 0.5)).as("code %d", code).isEmpty();
        }
    }

    @Test
    void reconnectOptionsAreValidated() {
        assertThatThrownBy(() -> new ReconnectOptions(Duration.ofMillis(-1), Duration.ZERO, 1.5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> R.withMultiplier(0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> R.withMultiplier(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> R.backoff(-1, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ReconnectOptions.DEFAULTS).isEqualTo(R);
    }

    @Test
    void defaultsMatchTheOfficialClient() {
        ClientOptions o = ClientOptions.builder().build();
        assertThat(o.uri()).isEqualTo(URI.create("ws://localhost/socketcluster/"));
        assertThat(o.port()).isEqualTo(80);
        assertThat(o.ackTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(o.autoConnect()).isTrue();
        assertThat(o.autoReconnect()).isTrue();
        assertThat(o.autoSubscribeOnConnect()).isTrue();
        assertThat(o.reconnectOptions()).isEqualTo(ReconnectOptions.DEFAULTS);
        assertThat(o.protocolVersion()).isEqualTo(2);
        assertThat(o.batchOnHandshake()).isFalse();
        assertThat(o.batchInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(o.authTokenName()).isEqualTo("socketcluster.authToken.localhost:80");
    }

    @Test
    void uriIsBuiltFromPartsWithQueryAndTrailingSlashPath() {
        ClientOptions o = ClientOptions.builder().host("example.com").port(8443).secure(true)
                .query("room", "a b").query("x", "1&2").build();
        assertThat(o.uri()).hasToString("wss://example.com:8443/socketcluster/?room=a+b&x=1%262");
        assertThat(o.secure()).isTrue();
        assertThat(o.authTokenName()).isEqualTo("socketcluster.authToken.example.com:8443");

        assertThat(ClientOptions.of(URI.create("ws://h:1234")).uri()).hasToString("ws://h:1234/socketcluster/");
        assertThat(ClientOptions.of(URI.create("ws://h:1234/custom")).uri()).hasToString("ws://h:1234/custom");
        assertThat(ClientOptions.builder().uri("ws://h:1/socketcluster/?a=1").query("b", "2").build().uri())
                .hasToString("ws://h:1/socketcluster/?a=1&b=2");
        assertThat(ClientOptions.builder().host("::1").port(9).build().uri()).hasToString("ws://[::1]:9/socketcluster/");
    }

    @Test
    void invalidOptionsAreRejected() {
        assertThatThrownBy(() -> ClientOptions.builder().uri("http://h/socketcluster/").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ws or wss");
        assertThatThrownBy(() -> ClientOptions.builder().uri("ws://h/").port(1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientOptions.builder().ackTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientOptions.builder().protocolVersion(3).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientOptions.builder().header("Sec-WebSocket-Key", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientOptions.builder().header("Host", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientOptions.builder().outboundQueueLimit(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientOptions.builder().path("socketcluster/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientOptions.builder().connectTimeout(Duration.ofDays(30)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum");
    }

    @Test
    void toBuilderRoundTrips() {
        ClientOptions o = ClientOptions.builder().uri("ws://h:1/socketcluster/").header("X-A", "1")
                .ackTimeout(Duration.ofSeconds(3)).protocolVersion(1).channelPrefix("p/").build();
        assertThat(o.toBuilder().build()).isEqualTo(o);
    }

    @Test
    void jwtClaimsAreReadFromTheBase64UrlPayload() {
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"username\":\"bob\",\"n\":\"\u00e9??>\"}".getBytes(StandardCharsets.UTF_8));
        String token = "eyJhbGciOiJIUzI1NiJ9." + payload + ".sig";
        assertThat(Jwt.claims(token)).hasValueSatisfying(c -> {
            assertThat(c).containsEntry("username", "bob");
            assertThat(c).containsEntry("n", "\u00e9??>");
        });
        assertThat(Jwt.claims("not-a-token")).isEmpty();
        assertThat(Jwt.claims("a.%%%.c")).isEmpty();
    }
}
