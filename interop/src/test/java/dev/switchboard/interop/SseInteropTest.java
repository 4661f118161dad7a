package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.RemoteException;
import dev.switchboard.server.ActionType;
import dev.switchboard.server.HttpApiOptions;
import dev.switchboard.server.MiddlewareType;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SwitchboardServer;
import dev.switchboard.server.auth.AuthOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The npm {@code eventsource} package (a WHATWG {@code EventSource}) against Switchboard's SSE endpoint:
 * named events, tokens, and the 401/403 failures ({@code node/sse/sse.test.js}). The fixture: the
 * publish API with the scenario's key, JWTs with its secret, and a SUBSCRIBE middleware that blocks
 * {@code forbidden.*} channels.
 */
class SseInteropTest {
    private static final String API_KEY = "sse-interop-api-key-0123456789";
    private static final String SECRET = "sse-interop-secret-0123456789abcdef";

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theEventSourcePackagePassesEverySseScenario() throws Exception {
        SwitchboardServer server = SwitchboardServer.create(ServerOptions.builder().host("127.0.0.1").port(0)
                .auth(AuthOptions.builder().secret(SECRET).build())
                .httpApi(HttpApiOptions.builder().apiKeys(List.of(API_KEY)).build())
                .build()).start();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            if (action.type() == ActionType.SUBSCRIBE && action.channel().orElse("").startsWith("forbidden.")) {
                action.block(new RemoteException("ForbiddenChannelError", "No access", Map.of()));
            } else {
                action.allow();
            }
        });
        try (FixtureServer fixture = new FixtureServer() {
            @Override
            public int port() {
                return server.port();
            }

            @Override
            public void close() {
                server.close();
            }
        }) {
            NodeTestReport report = NodeTestRunner.run("sse/sse.test.js", fixture, "SseInteropTest-sse",
                    Duration.ofSeconds(90));
            assertThat(report.failures()).as(report.outputTail(4000)).isEmpty();
            assertThat(report.cases()).as(report.outputTail(4000)).hasSize(4);
            assertThat(report.succeeded()).as(report.outputTail(4000)).isTrue();
        }
    }
}
