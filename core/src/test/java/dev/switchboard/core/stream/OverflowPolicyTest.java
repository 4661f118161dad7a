package dev.switchboard.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OverflowPolicyTest {

    private static WritableStream<Integer> bounded(int max, OverflowPolicy policy) {
        return WritableStream.builder().maxBacklog(max).overflowPolicy(policy).build();
    }

    private static void writeRange(WritableStream<Integer> stream, int fromInclusive, int toInclusive) {
        IntStream.rangeClosed(fromInclusive, toInclusive).forEach(stream::write);
    }

    private static List<Integer> drain(StreamConsumer<Integer> consumer) {
        List<Integer> seen = new ArrayList<>();
        consumer.forEachRemaining(seen::add);
        return seen;
    }

    @Test
    void dropNewestKeepsTheBacklogAndCountsTheDrops() {
        var stream = bounded(3, OverflowPolicy.DROP_NEWEST);
        var consumer = stream.createConsumer();
        writeRange(stream, 1, 3);

        assertThat(stream.write(4)).isZero();
        stream.write(5);

        assertThat(consumer.backpressure()).isEqualTo(3);
        assertThat(consumer.stats().dropped()).isEqualTo(2);
        stream.close();
        assertThat(drain(consumer)).containsExactly(1, 2, 3);
    }

    @Test
    void dropOldestKeepsTheNewestItemsAndCountsTheDrops() {
        var stream = bounded(3, OverflowPolicy.DROP_OLDEST);
        var consumer = stream.createConsumer();
        writeRange(stream, 1, 5);

        assertThat(consumer.backpressure()).isEqualTo(3);
        assertThat(stream.consumerStats(consumer.id())).map(ConsumerStats::dropped).contains(2L);
        stream.close();
        assertThat(drain(consumer)).containsExactly(3, 4, 5);
    }

    @Test
    void failEndsTheOverflowingConsumerWithAVisibleSignal() {
        var stream = bounded(3, OverflowPolicy.FAIL);
        var consumer = stream.createConsumer();
        writeRange(stream, 1, 3);
        assertThat(consumer.isAlive()).isTrue();

        assertThat(stream.write(4)).isZero();

        assertThat(consumer.isAlive()).isFalse();
        assertThat(consumer.endReason()).contains(EndReason.OVERFLOWED);
        assertThat(consumer.stats().dropped()).isEqualTo(4);
        assertThat(consumer.backpressure()).isZero();
        assertThat(stream.consumerCount()).isZero();
        assertThatThrownBy(consumer::hasNext).isInstanceOf(StreamOverflowException.class);
        assertThatThrownBy(consumer::next).isInstanceOf(StreamOverflowException.class);
        assertThatThrownBy(consumer::hasNext).isInstanceOf(StreamOverflowException.class);
    }

    @Test
    void failIsTheDefaultPolicyOnceABoundIsSet() {
        WritableStream<Integer> stream = WritableStream.builder().maxBacklog(1).build();
        var consumer = stream.createConsumer();
        writeRange(stream, 1, 2);
        assertThat(consumer.endReason()).contains(EndReason.OVERFLOWED);
    }

    @Test
    void theBoundIsPerConsumerSoAConsumerThatKeepsUpIsUnaffected() {
        var stream = bounded(2, OverflowPolicy.FAIL);
        var slow = stream.createConsumer();
        var fast = stream.createConsumer();
        List<Integer> fastSeen = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            stream.write(i);
            fastSeen.add(fast.next());
        }

        assertThat(fastSeen).containsExactly(1, 2, 3, 4, 5);
        assertThat(fast.isAlive()).isTrue();
        assertThat(slow.endReason()).contains(EndReason.OVERFLOWED);
        assertThat(fast.stats().dropped()).isZero();
    }

    @Test
    void consumingFreesRoomUnderTheBound() {
        var stream = bounded(2, OverflowPolicy.DROP_NEWEST);
        var consumer = stream.createConsumer();
        writeRange(stream, 1, 2);
        assertThat(consumer.next()).isEqualTo(1);
        stream.write(3);
        stream.close();

        assertThat(drain(consumer)).containsExactly(2, 3);
        assertThat(consumer.stats().dropped()).isZero();
    }

    @Test
    void nextOnAConsumerEndedByAnotherReasonIsNotAnOverflow() {
        var stream = bounded(2, OverflowPolicy.FAIL);
        var consumer = stream.createConsumer();
        stream.kill();
        assertThatThrownBy(consumer::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void demuxAndEmitterApplyTheirBoundToEveryConsumer() {
        StreamDemux<Integer> demux = StreamDemux.builder().maxBacklog(1)
                .overflowPolicy(OverflowPolicy.DROP_OLDEST).build();
        var consumer = demux.stream("a").createConsumer();
        demux.write("a", 1);
        demux.write("a", 2);
        assertThat(demux.consumerStats("a")).singleElement()
                .satisfies(s -> assertThat(s.dropped()).isEqualTo(1));
        assertThat(consumer.next()).isEqualTo(2);

        StreamEmitter<Integer> emitter = StreamEmitter.builder().maxBacklog(1)
                .overflowPolicy(OverflowPolicy.FAIL).build();
        var listener = emitter.listener("e").createConsumer();
        emitter.emit("e", 1);
        emitter.emit("e", 2);
        assertThat(listener.endReason()).contains(EndReason.OVERFLOWED);
        assertThat(emitter.listenerConsumerCount("e")).isZero();
        assertThatThrownBy(() -> StreamEmitter.builder().overflowPolicy(OverflowPolicy.FAIL).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> StreamDemux.builder().maxBacklog(-3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
