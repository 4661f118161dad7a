package dev.switchboard.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConsumerTimeoutTest {

    private static final Duration SHORT = Duration.ofMillis(50);

    private final WritableStream<Integer> stream = WritableStream.create();

    @Test
    void hasNextThrowsWhenNothingArrivesInTime() {
        var consumer = stream.createConsumer(SHORT);
        long start = System.nanoTime();

        assertThatThrownBy(consumer::hasNext)
                .isInstanceOf(StreamTimeoutException.class)
                .hasMessageContaining("consumer " + consumer.id());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT);
        assertThatThrownBy(consumer::next).isInstanceOf(StreamTimeoutException.class);
    }

    @Test
    void aTimedOutConsumerStaysRegisteredAndKeepsItsPosition() {
        var consumer = stream.createConsumer(SHORT);
        stream.write(1);
        assertThat(consumer.next()).isEqualTo(1);

        assertThatThrownBy(consumer::hasNext).isInstanceOf(StreamTimeoutException.class);
        assertThat(consumer.isAlive()).isTrue();
        assertThat(stream.hasConsumer(consumer.id())).isTrue();

        stream.write(2);
        stream.write(3);
        assertThat(consumer.next()).isEqualTo(2);
        stream.close();

        List<Integer> rest = new ArrayList<>();
        consumer.forEachRemaining(rest::add);
        assertThat(rest).containsExactly(3);
    }

    @Test
    void nothingWrittenAcrossRepeatedTimeoutsIsLost() {
        var consumer = stream.createConsumer(SHORT);
        List<Integer> seen = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            assertThatThrownBy(consumer::hasNext).isInstanceOf(StreamTimeoutException.class);
            stream.write(round);
            stream.write(round + 100);
            seen.add(consumer.next());
            seen.add(consumer.next());
        }
        assertThat(seen).containsExactly(0, 100, 1, 101, 2, 102);
    }

    @Test
    void aForEachLoopCanResumeOnTheSameConsumerAfterATimeout() {
        var consumer = stream.createConsumer(SHORT);
        stream.write(1);
        List<Integer> seen = new ArrayList<>();

        assertThatThrownBy(() -> {
            for (int item : consumer) {
                seen.add(item);
            }
        }).isInstanceOf(StreamTimeoutException.class);
        stream.write(2);
        stream.close();
        for (int item : consumer) {
            seen.add(item);
        }

        assertThat(seen).containsExactly(1, 2);
    }

    @Test
    void timeoutIsReportedByTheConsumerAndItsStats() {
        var timed = stream.createConsumer(SHORT);
        var untimed = stream.createConsumer();

        assertThat(timed.timeout()).contains(SHORT);
        assertThat(timed.stats().timeout()).contains(SHORT);
        assertThat(untimed.timeout()).isEmpty();
        assertThat(stream.consumerStats(untimed.id())).hasValueSatisfying(s -> assertThat(s.timeout()).isEmpty());
    }

    @Test
    void anItemArrivingWithinTheTimeoutIsDelivered() {
        var consumer = stream.createConsumer(Duration.ofSeconds(5));
        var result = CompletableFuture.supplyAsync(consumer::next, runnable -> Thread.ofVirtual().start(runnable));
        await().until(() -> stream.consumerCount() == 1);

        stream.write(42);

        assertThat(result).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(42);
    }

    @Test
    void interruptingABlockedConsumerThrowsAndKeepsItRegistered() throws InterruptedException {
        var consumer = stream.createConsumer();
        var failure = new CompletableFuture<Throwable>();
        var reader = Thread.ofVirtual().start(() -> {
            try {
                consumer.hasNext();
                failure.complete(null);
            } catch (StreamInterruptedException e) {
                failure.complete(Thread.currentThread().isInterrupted() ? e : null);
            }
        });
        await().until(() -> reader.getState() == Thread.State.WAITING);

        reader.interrupt();
        reader.join();

        assertThat(failure).isCompletedWithValueMatching(e -> e instanceof StreamInterruptedException);
        assertThat(consumer.isAlive()).isTrue();
        stream.write(7);
        assertThat(consumer.next()).isEqualTo(7);
    }
}
