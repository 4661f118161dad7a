package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.Payload;
import dev.switchboard.core.spi.BrokerException;
import dev.switchboard.core.spi.Publication;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker while Redis dies (SIGKILL, then a restart on the same port) or hangs (SIGSTOP, SIGCONT):
 * local delivery goes on, publishes fail visibly within the timeout, nothing piles up on threads, and
 * cross-node delivery comes back by itself. Each test has its own Redis.
 */
@Timeout(value = 45, unit = TimeUnit.SECONDS)
class RedisBrokerChaosTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** Lettuce's timer ticks every 100 ms, and a loaded build machine needs a moment for callbacks. */
    private static final Duration TIMEOUT_SLACK = Duration.ofSeconds(1);
    private static final Duration RECOVERY = Duration.ofSeconds(5);

    private final List<RedisBroker> brokers = new ArrayList<>();
    private RedisServer redis;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
    }

    @AfterEach
    void cleanUp() {
        brokers.forEach(RedisBroker::close);
        redis.close();
    }

    private RedisBroker broker(Recorder sink, Duration timeout) {
        RedisBroker broker = RedisBroker.create(RedisBrokerOptions.builder(redis.uri()).commandTimeout(timeout)
                .maxReconnectDelay(Duration.ofMillis(300)).build());
        brokers.add(broker);
        broker.start(sink);
        return broker;
    }

    private static void join(CompletableFuture<?> future) {
        future.orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** A publish and when its future completed. */
    private record Sent(int index, long startNanos, CompletableFuture<Void> future, CompletableFuture<Long> doneNanos) {
        static Sent of(int index, CompletableFuture<Void> future) {
            CompletableFuture<Long> done = future.handle((v, e) -> System.nanoTime());
            return new Sent(index, System.nanoTime(), future, done);
        }

        boolean failed() {
            return future.isCompletedExceptionally();
        }

        Duration took() {
            return Duration.ofNanos(doneNanos.orTimeout(10, TimeUnit.SECONDS).join() - startNanos);
        }
    }

    /** Publishes 0, 1, 2... to {@code channel} every {@code pauseMillis} until stopped. */
    private static final class Stream implements AutoCloseable {
        final List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger next = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Stream(RedisBroker broker, String channel, long pauseMillis) {
            thread = Thread.ofPlatform().name("publisher").start(() -> {
                while (running.get()) {
                    int i = next.get();
                    sent.add(Sent.of(i, broker.publish(channel, Payload.of(i))));
                    next.incrementAndGet();
                    RedisServer.sleep(pauseMillis);
                }
            });
        }

        List<Sent> sent() {
            synchronized (sent) {
                return List.copyOf(sent);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }

    private static void assertLocalStreamComplete(Recorder local, int count) {
        await().atMost(RECOVERY).until(() -> local.size() >= count);
        List<Publication> got = local.all();
        assertThat(got).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(got.get(i).data().asLong()).as("local publication %d in call order", i).isEqualTo(i);
            assertThat(got.get(i).position().offset()).isEqualTo(i);
        }
        assertThat(got.stream().map(p -> p.position().epoch()).distinct()).hasSize(1);
    }

    @Test
    void redisKilledDuringAPublishStreamThenRestarted() throws Exception {
        Recorder local = new Recorder();
        Recorder remote = new Recorder();
        RedisBroker nodeA = broker(local, TIMEOUT);
        RedisBroker nodeB = broker(remote, TIMEOUT);
        join(nodeA.subscribe("live"));
        join(nodeB.subscribe("live"));

        int afterRestart;
        try (Stream stream = new Stream(nodeA, "live", 10)) {
            RedisServer.sleep(500);
            redis.kill();
            RedisServer.sleep(2000);
            redis.restart();
            afterRestart = stream.next.get();
            await().atMost(RECOVERY).until(() -> remote.all().stream().anyMatch(p -> p.data().asLong() >= afterRestart));
            RedisServer.sleep(200);
            stream.close();

            List<Sent> sent = stream.sent();
            assertLocalStreamComplete(local, sent.size());
            for (Sent s : sent) {
                assertThat(s.took()).as("publish %d answered in time", s.index()).isLessThan(TIMEOUT.plus(TIMEOUT_SLACK));
            }
            List<Sent> failed = sent.stream().filter(Sent::failed).toList();
            assertThat(failed).as("publishes during the outage fail").isNotEmpty();
            assertThat(sent.get(0).failed()).isFalse();
            assertThat(sent.get(sent.size() - 1).failed()).as("publishing works again").isFalse();
            for (Sent s : failed) {
                assertThat(s.future).failsWithin(Duration.ZERO).withThrowableThat()
                        .havingCause().isInstanceOf(BrokerException.class).withMessageContaining("redis");
            }
            assertThat(nodeA.stats().publishFailures()).isEqualTo(failed.size());
            assertThat(nodeA.stats().published()).isEqualTo(sent.size() - failed.size());
        }

        List<Publication> received = remote.all();
        for (int i = 1; i < received.size(); i++) {
            assertThat(received.get(i).position().offset()).as("offsets only grow")
                    .isGreaterThan(received.get(i - 1).position().offset());
            assertThat(received.get(i).position().epoch()).isEqualTo(received.get(0).position().epoch());
        }
        assertThat(received.get(received.size() - 1).position().offset() + 1 - received.size())
                .as("the outage shows as a gap in offsets").isPositive();
        assertThat(nodeB.stats().resyncs()).isPositive();
        assertThat(Resp.numsub(redis.port, "switchboard:live")).isEqualTo(2);
        local.assertNoOverlap();
        remote.assertNoOverlap();
    }

    @Test
    void redisHangTimesPublishesOutWithinTheLimitWithoutThreadsPilingUp() throws Exception {
        Recorder local = new Recorder();
        Recorder remote = new Recorder();
        RedisBroker nodeA = broker(local, TIMEOUT);
        RedisBroker nodeB = broker(remote, TIMEOUT);
        join(nodeA.subscribe("hang"));
        join(nodeB.subscribe("hang"));
        join(nodeA.publish("hang", Payload.of(0)));
        assertThat(remote.next().data().asLong()).isZero();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

        redis.pause();
        List<Sent> sent = new ArrayList<>();
        CompletableFuture<Void> subscribeDuringHang;
        try {
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            for (int i = 1; System.nanoTime() < until; i++) {
                sent.add(Sent.of(i, nodeA.publish("hang", Payload.of(i))));
                if (i == 1) {
                    subscribeDuringHang = nodeB.subscribe("other");
                    assertThat(subscribeDuringHang).failsWithin(TIMEOUT.plus(TIMEOUT_SLACK))
                            .withThrowableThat().havingCause().isInstanceOf(BrokerException.class);
                }
                RedisServer.sleep(5);
            }
            for (Sent s : sent) {
                assertThat(s.took()).as("publish %d timed out in time", s.index()).isLessThan(TIMEOUT.plus(TIMEOUT_SLACK));
                assertThat(s.failed()).isTrue();
            }
            int threadsDuring = ManagementFactory.getThreadMXBean().getThreadCount();
            assertThat(threadsDuring).as("no thread per pending publish").isLessThan(threadsBefore + 5);
            assertThat(sent.size()).isGreaterThan(500);
        } finally {
            redis.resume();
        }
        assertLocalStreamComplete(local, sent.size() + 1);
        assertThat(nodeA.stats().publishFailures()).isEqualTo(sent.size());

        int last = sent.size() + 1;
        await().atMost(RECOVERY).untilAsserted(() -> {
            join(nodeA.publish("hang", Payload.of(last)));
            assertThat(remote.all().stream().anyMatch(p -> p.data().asLong() == last)).isTrue();
        });
        // The hung publishes were written before the timeout: Redis runs them when it wakes up, so
        // "failed" means "not confirmed", as the javadoc says. Order is kept all the same.
        List<Long> values = remote.all().stream().map(p -> p.data().asLong()).toList();
        assertThat(values).isSorted();
    }

    @Test
    void closeFailsPendingFuturesAtOnce() {
        RedisBroker broker = broker(new Recorder(), Duration.ofSeconds(20));
        redis.pause();
        CompletableFuture<Void> publish = broker.publish("c", Payload.of(1));
        CompletableFuture<Void> subscribe = broker.subscribe("c");
        long start = System.nanoTime();
        broker.close();
        assertThat(publish).failsWithin(Duration.ofSeconds(3)).withThrowableThat().havingCause()
                .isInstanceOf(BrokerException.class);
        assertThat(subscribe).failsWithin(Duration.ofSeconds(3)).withThrowableThat().havingCause()
                .isInstanceOf(BrokerException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        redis.resume();
    }

    @Test
    void subscriptionsMadeOrDroppedWhileRedisIsDownAreSettledWhenItReturns() {
        Recorder a = new Recorder();
        RedisBroker nodeA = broker(a, TIMEOUT);
        RedisBroker nodeB = broker(new Recorder(), TIMEOUT);
        join(nodeA.subscribe("kept"));
        join(nodeA.subscribe("dropped"));

        redis.kill();
        long start = System.nanoTime();
        CompletableFuture<Void> late = nodeA.subscribe("late");
        assertThat(late).failsWithin(Duration.ofSeconds(1)).withThrowableThat().havingCause()
                .isInstanceOf(BrokerException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails fast while disconnected")
                .isLessThan(TIMEOUT);
        join(nodeA.unsubscribe("dropped"));
        redis.restart();

        await().atMost(RECOVERY).until(() -> Resp.numsub(redis.port, "switchboard:late") == 1
                && Resp.numsub(redis.port, "switchboard:kept") == 1);
        await().atMost(RECOVERY).until(() -> Resp.numsub(redis.port, "switchboard:dropped") == 0);
        await().atMost(RECOVERY).untilAsserted(() -> {
            join(nodeB.publish("late", Payload.of("hello")));
            join(nodeB.publish("kept", Payload.of("hello")));
            assertThat(a.all("late")).isNotEmpty();
            assertThat(a.all("kept")).isNotEmpty();
        });
        join(nodeB.publish("dropped", Payload.of("nobody")));
        RedisServer.sleep(200);
        assertThat(a.all("dropped")).isEmpty();
        assertThat(nodeA.stats().subscribedChannels()).isEqualTo(2);
        join(nodeA.subscribe("late")); // the failed subscribe was replaced by the resync's
    }
}
