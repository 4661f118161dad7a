package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.ClientChannel;
import dev.switchboard.client.ClientOptions;
import dev.switchboard.client.ClientState;
import dev.switchboard.client.ReconnectOptions;
import dev.switchboard.client.SwitchboardClient;
import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.StreamConsumer;
import dev.switchboard.core.stream.StreamTimeoutException;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.SwitchboardServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Kill one Switchboard node: the Java SocketCluster client connected to it (through a load-balancer-like
 * {@link FailoverProxy}) reconnects to another node, resubscribes by itself, and publications made on a
 * third node reach it again, in order, through Redis.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeFailoverTest {
    @AutoClose
    private final Closer closer = new Closer();

    private SwitchboardServer node(RedisServer redis) {
        RedisBroker broker = closer.track(RedisBroker.create(RedisBrokerOptions.builder(redis.uri()).prefix("fo")
                .commandTimeout(Duration.ofSeconds(1)).maxReconnectDelay(Duration.ofMillis(300)).build()));
        return closer.track(SwitchboardServer.create(ServerOptions.builder().host("127.0.0.1").port(0).broker(broker).build())
                .start());
    }

    /** The next publication, or null when none arrives within {@code wait}. */
    private static Payload poll(StreamConsumer<Payload> consumer) {
        try {
            return consumer.next();
        } catch (StreamTimeoutException none) {
            return null;
        }
    }

    @Test
    void clientsOfAStoppedNodeReconnectToAnotherAndPublicationsFlowAgain() throws Exception {
        RedisServer redis = closer.track(RedisServer.start());
        SwitchboardServer doomed = node(redis);
        SwitchboardServer survivor = node(redis);
        SwitchboardServer publisher = node(redis);
        FailoverProxy proxy = closer.track(new FailoverProxy(List.of(doomed.port(), survivor.port())));
        SwitchboardClient client = closer.track(SwitchboardClient.create(ClientOptions.builder()
                .uri(URI.create("ws://127.0.0.1:" + proxy.port() + "/socketcluster/"))
                .reconnectOptions(ReconnectOptions.of(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(1)))
                .build()));
        ClientChannel feed = client.subscribe("feed");
        StreamConsumer<Payload> received = closer.track(feed.createConsumer(Duration.ofSeconds(2)));
        await().atMost(WsPeer.WAIT).until(() -> feed.isSubscribed(false));
        assertThat(proxy.chosen()).containsExactly(doomed.port());

        publisher.exchange().invokePublish("feed", Map.of("n", 0)).get(5, TimeUnit.SECONDS);
        assertThat(poll(received)).isNotNull().satisfies(p -> assertThat(p.asMap().get("n")).isEqualTo(0));

        doomed.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.state() == ClientState.OPEN && feed.isSubscribed(false)
                && proxy.chosen().size() == 2);
        assertThat(proxy.chosen().get(1)).as("the client reconnected to the surviving node").isEqualTo(survivor.port());

        // the resubscription reaches Redis a moment after the client sees it confirmed: publish until one arrives
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            publisher.exchange().invokePublish("feed", Map.of("n", -1)).get(5, TimeUnit.SECONDS);
            Payload p = poll(received);
            return p != null && p.asMap().get("n").equals(-1);
        });
        for (int i = 1; i <= 10; i++) {
            publisher.exchange().invokePublish("feed", Map.of("n", i)).get(5, TimeUnit.SECONDS);
        }
        List<Object> after = new ArrayList<>();
        while (after.size() < 10) {
            Payload p = poll(received);
            assertThat(p).as("publication %d after the failover", after.size() + 1).isNotNull();
            Object n = p.asMap().get("n");
            if (!n.equals(-1)) { // a late probe
                after.add(n);
            }
        }
        assertThat(after).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }
}
