package dev.switchboard.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BackpressureTest {

    private final WritableStream<Integer> stream = WritableStream.create();

    private void writeAll(int... items) {
        for (int item : items) {
            stream.write(item);
        }
    }

    @Test
    void anEmptyStreamHasNoBackpressure() {
        assertThat(stream.backpressure()).isZero();
        assertThat(stream.consumerCount()).isZero();
        assertThat(stream.consumerStats()).isEmpty();
        assertThat(stream.consumerBackpressure(1)).isZero();
        assertThat(stream.consumerStats(1)).isEmpty();
    }

    @Test
    void backpressureIsPerConsumerAndTheStreamReportsTheMaximum() {
        var early = stream.createConsumer();
        writeAll(1, 2, 3);
        var late = stream.createConsumer();
        writeAll(4, 5);

        assertThat(early.backpressure()).isEqualTo(5);
        assertThat(late.backpressure()).isEqualTo(2);
        assertThat(stream.backpressure()).isEqualTo(5);
        assertThat(stream.consumerBackpressure(early.id())).isEqualTo(5);

        for (int i = 0; i < 4; i++) {
            early.next();
        }
        assertThat(early.backpressure()).isEqualTo(1);
        assertThat(stream.backpressure()).isEqualTo(2);
        assertThat(stream.consumerBackpressure(early.id())).isEqualTo(1);
    }

    @Test
    void killResetsBackpressureToZero() {
        var consumer = stream.createConsumer();
        writeAll(1, 2, 3);
        stream.killConsumer(consumer.id());

        assertThat(consumer.backpressure()).isZero();
        assertThat(stream.backpressure()).isZero();
    }

    @Test
    void closedConsumersStillDrainingCountUntilTheyEnd() {
        var consumer = stream.createConsumer();
        writeAll(1, 2);
        stream.close();

        assertThat(stream.backpressure()).isEqualTo(2);
        assertThat(stream.consumerCount()).isEqualTo(1);
        consumer.next();
        consumer.next();
        assertThat(stream.backpressure()).isZero();
        assertThat(stream.consumerCount()).isZero();
    }

    @Test
    void consumerStatsAreImmutableSnapshots() {
        var timed = stream.createConsumer(Duration.ofSeconds(9));
        var plain = stream.createConsumer();
        writeAll(1, 2);
        plain.next();

        var stats = stream.consumerStats();
        assertThat(stats).containsExactlyInAnyOrder(
                new ConsumerStats(timed.id(), 2, 0, Optional.of(Duration.ofSeconds(9)), Optional.empty()),
                new ConsumerStats(plain.id(), 1, 0, Optional.empty(), Optional.empty()));
        assertThatThrownBy(() -> stats.clear()).isInstanceOf(UnsupportedOperationException.class);

        writeAll(3);
        assertThat(stats).extracting(ConsumerStats::backpressure).containsExactlyInAnyOrder(2, 1);
        assertThat(stream.consumerStats(timed.id())).map(ConsumerStats::backpressure).contains(3);
        assertThat(timed.stats()).isEqualTo(stream.consumerStats(timed.id()).orElseThrow());
    }

    @Test
    void consumerCountAndHasConsumerFollowTheConsumersLife() {
        var a = stream.createConsumer();
        var b = stream.createConsumer();
        assertThat(stream.consumerCount()).isEqualTo(2);
        assertThat(stream.hasConsumer(a.id())).isTrue();

        a.close();
        assertThat(stream.consumerCount()).isEqualTo(1);
        assertThat(stream.hasConsumer(a.id())).isFalse();
        assertThat(stream.hasConsumer(b.id())).isTrue();
    }

    @Test
    void consumerStatsRejectNegativeFigures() {
        assertThatThrownBy(() -> new ConsumerStats(1, -1, 0, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsumerStats(1, 0, 0, null, Optional.empty()))
                .isInstanceOf(NullPointerException.class);
    }
}
