package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.Payload;
import dev.switchboard.core.spi.Broker;
import dev.switchboard.core.spi.Publication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A channel's publications reach its local subscribers in the order they subscribed: a fan-out walks
 * them in that order (close to the order their sockets were allocated in, which keeps a fan-out over
 * 10k+ sockets cache-friendly), and the order does not depend on the subscribers' hash codes.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ChannelHubOrderTest {
    private final List<Integer> visited = new CopyOnWriteArrayList<>();

    /** Records its number on each delivery; identity hash codes, so a hash order would scramble them. */
    private final class Numbered implements ChannelHub.Subscriber {
        final int number;

        Numbered(int number) {
            this.number = number;
        }

        @Override
        public void deliver(Publication publication, ChannelHub.Frames frames) {
            visited.add(number);
        }
    }

    private List<Integer> publishAndCollect(ChannelHub hub, int expected) {
        visited.clear();
        hub.publish("news", Payload.of("x")).join();
        await().until(() -> visited.size() >= expected);
        return List.copyOf(visited);
    }

    @Test
    void subscribersAreVisitedInTheOrderTheySubscribed() {
        var hub = new ChannelHub(Broker.inMemory());
        List<Numbered> subscribers = IntStream.range(0, 500).mapToObj(Numbered::new).toList();
        subscribers.forEach(s -> hub.subscribe("news", s).join());

        assertThat(publishAndCollect(hub, 500)).containsExactlyElementsOf(IntStream.range(0, 500).boxed().toList());
    }

    @Test
    void aSubscriberThatLeavesAndComesBackMovesToTheEnd() {
        var hub = new ChannelHub(Broker.inMemory());
        List<Numbered> subscribers = IntStream.range(0, 100).mapToObj(Numbered::new).toList();
        subscribers.forEach(s -> hub.subscribe("news", s).join());
        hub.unsubscribe("news", subscribers.get(10));
        hub.unsubscribe("news", subscribers.get(50));
        hub.subscribe("news", subscribers.get(10)).join();

        List<Integer> expected = new ArrayList<>(IntStream.range(0, 100).boxed().toList());
        expected.remove(Integer.valueOf(10));
        expected.remove(Integer.valueOf(50));
        expected.add(10);
        assertThat(publishAndCollect(hub, 99)).containsExactlyElementsOf(expected);
        assertThat(hub.subscriberCount("news")).isEqualTo(99);
    }
}
