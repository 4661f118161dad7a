package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.interop.fixture.SeedServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The user's seed documents 000/001 and 003, end to end: their server code in Java ({@link
 * SeedServer}), their client code run by the official npm client ({@code node/seeds/seeds.test.js}).
 */
class SeedExamplesInteropTest {
    @Test
    void seedExamplesRunOnSwitchboard() throws Exception {
        try (SeedServer server = new SeedServer()) {
            FixtureServer fixture = new FixtureServer() {
                @Override
                public int port() {
                    return server.port();
                }

                @Override
                public void close() {}
            };
            NodeTestReport report = NodeTestRunner.run("seeds/seeds.test.js", fixture, "seeds", Duration.ofSeconds(90));
            assertThat(report.failures()).as(report.outputTail(20_000)).isEmpty();
            assertThat(report.cases()).hasSize(5);
            assertThat(report.succeeded()).as(report.outputTail(20_000)).isTrue();
        }
    }
}
