package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.Payload;
import dev.switchboard.core.spi.BrokerException;
import dev.switchboard.core.spi.Publication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The broker against a real Redis: subscriptions, delivery, order, positions, payloads, lifecycle. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedisBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static RedisServer redis;

    private final List<RedisBroker> brokers = new ArrayList<>();
    private final String prefix = "t" + PREFIXES.incrementAndGet();

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void closeBrokers() {
        brokers.forEach(RedisBroker::close);
    }

    private RedisBroker broker(Recorder sink) {
        return broker(sink, Duration.ofMinutes(10));
    }

    private RedisBroker broker(Recorder sink, Duration idle) {
        RedisBrokerOptions options = RedisBrokerOptions.builder(redis.uri()).prefix(prefix)
                .commandTimeout(Duration.ofSeconds(2)).build();
        RedisBroker broker = RedisBroker.create(options, idle);
        brokers.add(broker);
        broker.start(sink);
        return broker;
    }

    private static void join(CompletableFuture<?> future) {
        future.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Test
    void publicationReachesSubscribedNodeOnceWithPublisherPositions() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        RedisBroker publisher = broker(a);
        RedisBroker subscriber = broker(b);
        join(subscriber.subscribe("news"));

        for (int i = 0; i < 3; i++) {
            join(publisher.publish("news", Payload.of(Map.of("n", i))));
        }

        for (int i = 0; i < 3; i++) {
            Publication p = b.next();
            assertThat(p.channel()).isEqualTo("news");
            assertThat(p.data().asMap()).containsEntry("n", i);
            assertThat(p.position().offset()).isEqualTo(i);
            assertThat(p.position().epoch()).startsWith(publisher.nodeId() + "-");
        }
        b.assertQuiet(Duration.ofMillis(200));
        assertThat(a.all()).as("the publisher is not subscribed").isEmpty();
        assertThat(publisher.stats().published()).isEqualTo(3);
        assertThat(subscriber.stats().remoteDeliveries()).isEqualTo(3);
    }

    @Test
    void publisherDeliversItsOwnPublicationLocallyAndDropsTheEcho() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        RedisBroker nodeA = broker(a);
        RedisBroker nodeB = broker(b);
        join(nodeA.subscribe("room"));
        join(nodeB.subscribe("room"));

        for (int i = 0; i < 5; i++) {
            join(nodeA.publish("room", Payload.of(i)));
        }

        for (int i = 0; i < 5; i++) {
            Publication local = a.next();
            Publication remote = b.next();
            assertThat(local.data().asLong()).isEqualTo(i);
            assertThat(remote.position()).as("same position everywhere").isEqualTo(local.position());
        }
        a.assertQuiet(Duration.ofMillis(300)); // no echo from Redis
        assertThat(nodeA.stats().localDeliveries()).isEqualTo(5);
        assertThat(nodeA.stats().remoteDeliveries()).isZero();
    }

    @Test
    void subscribeCompletesOnceRedisConfirmedAndUnsubscribeStopsDeliveryAtOnce() {
        Recorder b = new Recorder();
        RedisBroker publisher = broker(new Recorder());
        RedisBroker subscriber = broker(b);

        join(subscriber.subscribe("c"));
        assertThat(Resp.numsub(redis.port, prefix + ":c")).isEqualTo(1);
        join(subscriber.subscribe("c")); // idempotent
        assertThat(subscriber.stats().subscribedChannels()).isEqualTo(1);

        CompletableFuture<Void> unsubscribed = subscriber.unsubscribe("c");
        join(publisher.publish("c", Payload.of("after")));
        join(unsubscribed);
        join(subscriber.unsubscribe("c")); // idempotent
        assertThat(Resp.numsub(redis.port, prefix + ":c")).isZero();
        b.assertQuiet(Duration.ofMillis(300));
        assertThat(subscriber.stats().subscribedChannels()).isZero();

        join(subscriber.subscribe("c"));
        join(publisher.publish("c", Payload.of("again")));
        assertThat(b.next().data().asString()).isEqualTo("again");
    }

    @Test
    void eachPublisherKeepsCallOrderWhileLocalAndRemoteDeliveriesInterleave() throws Exception {
        Recorder b = new Recorder();
        RedisBroker nodeA = broker(new Recorder());
        RedisBroker nodeB = broker(new Recorder());
        RedisBroker subscriber = broker(b);
        join(subscriber.subscribe("seq"));
        int perPublisher = 1000;
        Map<String, RedisBroker> publishers = Map.of("a", nodeA, "b", nodeB, "self", subscriber);

        List<Thread> threads = new ArrayList<>();
        publishers.forEach((from, broker) -> threads.add(Thread.ofPlatform().start(() -> {
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < perPublisher; i++) {
                sent.add(broker.publish("seq", Payload.of(Map.of("from", from, "i", i))));
            }
            sent.forEach(RedisBrokerTest::join);
        })));
        for (Thread thread : threads) {
            thread.join(WAIT.toMillis());
        }

        await().atMost(WAIT).until(() -> b.size() == 3 * perPublisher);
        for (String from : publishers.keySet()) {
            List<Publication> stream = b.all("seq").stream().filter(p -> p.data().asMap().get("from").equals(from))
                    .toList();
            assertThat(stream).hasSize(perPublisher);
            assertThat(stream.stream().map(p -> p.position().epoch()).distinct()).hasSize(1);
            assertThat(stream.get(0).position().epoch()).startsWith(publishers.get(from).nodeId());
            for (int i = 0; i < perPublisher; i++) {
                assertThat(stream.get(i).position().offset()).isEqualTo(i);
                assertThat(((Number) stream.get(i).data().asMap().get("i")).intValue()).isEqualTo(i);
            }
        }
        b.assertNoOverlap();
        assertThat(subscriber.stats().localDeliveries()).isEqualTo(perPublisher);
        assertThat(subscriber.stats().remoteDeliveries()).isEqualTo(2 * perPublisher);
    }

    @Test
    void payloadTextTravelsUnchangedIncludingAbsentAndNull() {
        Recorder b = new Recorder();
        RedisBroker publisher = broker(new Recorder());
        RedisBroker subscriber = broker(b);
        join(subscriber.subscribe("p"));
        String json = "{\"text\":\"h\\u00e9llo \\u2603 \\ud83d\\ude00\",\"nested\":[1,2.5,{\"x\":null}],\"big\":12345678901234}";

        join(publisher.publish("p", Payload.json(json)));
        join(publisher.publish("p", Payload.none()));
        join(publisher.publish("p", Payload.nullValue()));
        join(publisher.publish("p", Payload.of("\u00e9\u2603")));

        assertThat(b.next().data().json()).isEqualTo(json);
        assertThat(b.next().data().isNone()).isTrue();
        Publication nul = b.next();
        assertThat(nul.data().isNone()).isFalse();
        assertThat(nul.data().isNull()).isTrue();
        assertThat(b.next().data().asString()).isEqualTo("\u00e9\u2603");
    }

    @Test
    void unreadableMessagesAreCountedAndDropped() {
        Recorder b = new Recorder();
        RedisBroker subscriber = broker(b);
        join(subscriber.subscribe("x"));

        redis.call("PUBLISH", prefix + ":x", "not an envelope, long enough to pass the length check");
        redis.call("PUBLISH", prefix + ":x", "short");

        await().atMost(WAIT).until(() -> subscriber.stats().malformed() == 2);
        b.assertQuiet(Duration.ofMillis(100));
    }

    @Test
    void channelsOfOtherPrefixesAreNotSeen() {
        Recorder b = new Recorder();
        RedisBroker subscriber = broker(b);
        RedisBroker otherDeployment = RedisBroker.create(
                RedisBrokerOptions.builder(redis.uri()).prefix(prefix + "-other").build());
        brokers.add(otherDeployment);
        otherDeployment.start(new Recorder());
        join(subscriber.subscribe("shared-name"));

        join(otherDeployment.publish("shared-name", Payload.of(1)));
        b.assertQuiet(Duration.ofMillis(300));
    }

    @Test
    void idleStreamsAreForgottenAndRestartWithANewEpoch() {
        Recorder b = new Recorder();
        RedisBroker publisher = broker(new Recorder(), Duration.ofMillis(100));
        RedisBroker subscriber = broker(b);
        join(subscriber.subscribe("idle"));

        join(publisher.publish("idle", Payload.of(1)));
        join(publisher.publish("idle", Payload.of(2)));
        Publication first = b.next();
        assertThat(b.next().position().offset()).isEqualTo(1);
        RedisServer.sleep(400);
        join(publisher.publish("idle", Payload.of(3)));

        Publication later = b.next();
        assertThat(later.position().offset()).isZero();
        assertThat(later.position().epoch()).isNotEqualTo(first.position().epoch())
                .startsWith(publisher.nodeId() + "-");
    }

    @Test
    void brokerRefusesWorkBeforeStartAndAfterClose() {
        RedisBroker broker = RedisBroker.create(RedisBrokerOptions.builder(redis.uri()).prefix(prefix).build());
        brokers.add(broker);
        assertThat(broker.name()).isEqualTo("redis");
        assertFailsWithBrokerException(broker.publish("c", Payload.of(1)), "not started");
        assertFailsWithBrokerException(broker.subscribe("c"), "not started");

        broker.start(new Recorder());
        assertThatThrownBy(() -> broker.start(new Recorder())).isInstanceOf(IllegalStateException.class);
        join(broker.subscribe("c"));
        broker.close();
        broker.close(); // idempotent

        assertFailsWithBrokerException(broker.publish("c", Payload.of(1)), "closed");
        assertFailsWithBrokerException(broker.subscribe("c"), "closed");
        join(broker.unsubscribe("c"));
        await().atMost(WAIT).until(() -> Resp.numsub(redis.port, prefix + ":c") == 0);
    }

    @Test
    void createFailsFastWhenRedisIsUnreachable() {
        int nobody = RedisServer.freePort();
        long start = System.nanoTime();
        assertThatThrownBy(() -> RedisBroker.create(RedisBrokerOptions.builder("redis://127.0.0.1:" + nobody)
                .commandTimeout(Duration.ofSeconds(1)).build()))
                .isInstanceOf(BrokerException.class).hasMessageContaining("cannot connect");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    static void assertFailsWithBrokerException(CompletableFuture<?> future, String message) {
        assertThatThrownBy(() -> future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(BrokerException.class)
                .hasMessageContaining(message);
    }
}
