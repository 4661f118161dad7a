package dev.switchboard.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WritableStreamTest {

    private final WritableStream<String> stream = WritableStream.create();

    private static <T> List<T> remaining(StreamConsumer<T> consumer) {
        List<T> seen = new ArrayList<>();
        consumer.forEachRemaining(seen::add);
        return seen;
    }

    @Test
    void consumerBuffersFromTheMomentItIsCreated() {
        var consumer = stream.createConsumer();
        stream.write("a");
        stream.write("b");
        stream.close();

        assertThat(remaining(consumer)).containsExactly("a", "b");
    }

    @Test
    void consumerDoesNotSeeEarlierWrites() {
        stream.write("before");
        var consumer = stream.createConsumer();
        stream.write("after");
        stream.close();

        assertThat(remaining(consumer)).containsExactly("after");
    }

    @Test
    void everyConsumerGetsEveryItemInOrder() {
        var consumers = List.of(stream.createConsumer(), stream.createConsumer(), stream.createConsumer());
        List<String> written = IntStream.range(0, 100).mapToObj(Integer::toString).toList();
        written.forEach(stream::write);
        stream.close();

        for (var consumer : consumers) {
            assertThat(remaining(consumer)).containsExactlyElementsOf(written);
        }
    }

    @Test
    void writeReportsHowManyConsumersAcceptedTheItem() {
        assertThat(stream.write("nobody")).isZero();
        stream.createConsumer();
        stream.createConsumer();
        assertThat(stream.write("two")).isEqualTo(2);
    }

    @Test
    void forEachLoopOnAVirtualThreadEndsWhenTheStreamCloses() {
        var consumer = stream.createConsumer();
        var drain = Drain.start(consumer);
        await().until(drain::isWaiting);

        stream.write("x");
        stream.write("y");
        stream.close();

        assertThat(drain.done).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(List.of("x", "y"));
    }

    @Test
    void closeLetsConsumersDrainTheirBacklogThenEndsThem() {
        var consumer = stream.createConsumer();
        stream.write("a");
        stream.write("b");
        stream.close("end");

        assertThat(consumer.isAlive()).isTrue();
        assertThat(stream.hasConsumer(consumer.id())).isTrue();
        assertThat(consumer.endValue()).isEmpty();
        assertThat(consumer.next()).isEqualTo("a");
        assertThat(consumer.next()).isEqualTo("b");

        assertThat(consumer.isAlive()).isFalse();
        assertThat(consumer.hasNext()).isFalse();
        assertThat(consumer.endValue()).contains("end");
        assertThat(consumer.endReason()).contains(EndReason.CLOSED);
        assertThat(stream.consumerCount()).isZero();
    }

    @Test
    void closeEndsAConsumerWithNoBacklogAtOnce() {
        var consumer = stream.createConsumer();
        stream.close();

        assertThat(consumer.isAlive()).isFalse();
        assertThat(consumer.endValue()).isEmpty();
        assertThat(consumer.endReason()).contains(EndReason.CLOSED);
        assertThat(stream.consumerCount()).isZero();
    }

    @Test
    void aClosingConsumerAcceptsNoFurtherWrites() {
        var consumer = stream.createConsumer();
        stream.write("kept");
        stream.close();
        stream.write("too late");

        assertThat(remaining(consumer)).containsExactly("kept");
    }

    @Test
    void killDiscardsTheBacklogAndEndsConsumersAtOnce() {
        var consumer = stream.createConsumer();
        stream.write("a");
        stream.write("b");
        stream.kill("killed");

        assertThat(consumer.isAlive()).isFalse();
        assertThat(consumer.backpressure()).isZero();
        assertThat(stream.backpressure()).isZero();
        assertThat(stream.consumerCount()).isZero();
        assertThat(consumer.hasNext()).isFalse();
        assertThat(consumer.endValue()).contains("killed");
        assertThat(consumer.endReason()).contains(EndReason.KILLED);
        assertThatThrownBy(consumer::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void killWakesABlockedConsumer() {
        var drain = Drain.start(stream.createConsumer());
        await().until(drain::isWaiting);

        stream.kill();

        assertThat(drain.done).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(List.of());
    }

    @Test
    void streamCanBeConsumedAgainAfterClose() {
        stream.createConsumer();
        stream.close();

        var again = stream.createConsumer();
        stream.write("again");
        stream.close();

        assertThat(remaining(again)).containsExactly("again");
    }

    @Test
    void streamCanBeConsumedAgainAfterKill() {
        stream.createConsumer();
        stream.kill();

        var again = stream.createConsumer();
        stream.write("again");
        stream.close();

        assertThat(remaining(again)).containsExactly("again");
    }

    @Test
    void writeToConsumerReachesOnlyThatConsumer() {
        var target = stream.createConsumer();
        var other = stream.createConsumer();

        assertThat(stream.writeToConsumer(target.id(), "only you")).isTrue();
        assertThat(stream.writeToConsumer(12_345, "nobody")).isFalse();
        stream.close();

        assertThat(remaining(target)).containsExactly("only you");
        assertThat(remaining(other)).isEmpty();
    }

    @Test
    void closeConsumerEndsOnlyThatConsumerAfterItDrains() {
        var target = stream.createConsumer();
        var other = stream.createConsumer();
        stream.write("a");

        assertThat(stream.closeConsumer(target.id(), "bye")).isTrue();
        assertThat(stream.closeConsumer(12_345)).isFalse();
        stream.write("b");

        assertThat(remaining(target)).containsExactly("a");
        assertThat(target.endValue()).contains("bye");
        assertThat(other.isAlive()).isTrue();
        stream.close();
        assertThat(remaining(other)).containsExactly("a", "b");
    }

    @Test
    void killConsumerEndsOnlyThatConsumerAtOnce() {
        var target = stream.createConsumer();
        var other = stream.createConsumer();
        stream.write("a");

        assertThat(stream.killConsumer(target.id(), "gone")).isTrue();
        assertThat(stream.killConsumer(12_345)).isFalse();

        assertThat(target.hasNext()).isFalse();
        assertThat(target.endValue()).contains("gone");
        assertThat(target.endReason()).contains(EndReason.KILLED);
        assertThat(other.backpressure()).isEqualTo(1);
        assertThat(stream.consumerCount()).isEqualTo(1);
    }

    @Test
    void consumersOwnCloseUnregistersItAtOnce() {
        var consumer = stream.createConsumer();
        stream.write("discarded");

        consumer.close();
        consumer.close(); // idempotent

        assertThat(consumer.isAlive()).isFalse();
        assertThat(stream.hasConsumer(consumer.id())).isFalse();
        assertThat(consumer.hasNext()).isFalse();
        assertThat(consumer.endReason()).contains(EndReason.RELEASED);
        assertThat(consumer.endValue()).isEmpty();
    }

    @Test
    void consumersOwnCloseWakesItsBlockedLoop() {
        var consumer = stream.createConsumer();
        var drain = Drain.start(consumer);
        await().until(drain::isWaiting);

        consumer.close();

        assertThat(drain.done).succeedsWithin(Duration.ofSeconds(5));
    }

    @Test
    void breakingOutOfATryWithResourcesLoopUnregistersTheConsumer() {
        var consumer = stream.createConsumer();
        List.of("1", "2", "3").forEach(stream::write);
        List<String> seen = new ArrayList<>();

        try (consumer) {
            for (String item : consumer) {
                seen.add(item);
                if (item.equals("2")) {
                    break;
                }
            }
        }

        assertThat(seen).containsExactly("1", "2");
        assertThat(stream.consumerCount()).isZero();
    }

    @Test
    void consumerIdsComeFromAnIncreasingCounter() {
        long first = stream.createConsumer().id();
        long second = stream.createConsumer().id();
        assertThat(second).isGreaterThan(first);
        assertThat(stream.hasConsumer(first)).isTrue();
    }

    @Test
    void nextOnAnEndedConsumerThrowsNoSuchElement() {
        var consumer = stream.createConsumer();
        stream.close();
        assertThatThrownBy(consumer::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void writesNeverWaitForASlowConsumer() {
        var neverRead = stream.createConsumer();
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            stream.write("x");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(neverRead.backpressure()).isEqualTo(100_000);
    }

    @Test
    void nullsAreRejected() {
        var consumer = stream.createConsumer();
        assertThatThrownBy(() -> stream.write(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> stream.writeToConsumer(consumer.id(), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> stream.close(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> stream.kill(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> stream.closeConsumer(consumer.id(), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> stream.killConsumer(consumer.id(), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> stream.createConsumer(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> stream.once(null)).isInstanceOf(NullPointerException.class);
        assertThat(consumer.backpressure()).isZero();
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatThrownBy(() -> stream.createConsumer(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stream.once(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderValidatesItsSettings() {
        assertThatThrownBy(() -> WritableStream.builder().maxBacklog(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WritableStream.builder().overflowPolicy(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WritableStream.builder().overflowPolicy(OverflowPolicy.DROP_OLDEST).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maxBacklog");
        WritableStream<String> unbounded = WritableStream.builder().build();
        var consumer = unbounded.createConsumer();
        IntStream.range(0, 10_000).forEach(i -> unbounded.write("x"));
        assertThat(consumer.backpressure()).isEqualTo(10_000);
    }
}
