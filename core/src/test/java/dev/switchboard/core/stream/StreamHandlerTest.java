package dev.switchboard.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StreamHandlerTest {

    /** A handler that records items and waits at {@code gate} before returning from each one. */
    private static final class Recorder implements java.util.function.Consumer<Integer> {
        final List<Integer> seen = new CopyOnWriteArrayList<>();
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger maxInside = new AtomicInteger();
        final CountDownLatch gate;

        Recorder(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public void accept(Integer item) {
            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            threads.add(Thread.currentThread());
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            seen.add(item);
            inside.decrementAndGet();
        }
    }

    private static Recorder open() {
        return new Recorder(new CountDownLatch(0));
    }

    @Test
    void handlesEveryItemInOrderOneAtATimeOnVirtualThreads() {
        var stream = WritableStream.<Integer>create();
        var recorder = open();
        stream.handle(recorder);

        IntStream.rangeClosed(1, 2_000).forEach(stream::write);

        await().until(() -> recorder.seen.size() == 2_000);
        assertThat(recorder.seen).isEqualTo(IntStream.rangeClosed(1, 2_000).boxed().toList());
        assertThat(recorder.maxInside).hasValue(1);
        assertThat(recorder.threads).allMatch(Thread::isVirtual).noneMatch(t -> t == Thread.currentThread());
    }

    @Test
    void anIdleHandlerKeepsNoThread() {
        var stream = WritableStream.<Integer>create();
        var recorder = open();
        stream.handle(recorder);
        stream.write(1);
        await().until(() -> recorder.seen.size() == 1);

        await().until(() -> recorder.threads.stream().noneMatch(Thread::isAlive));
        stream.write(2);
        await().until(() -> recorder.seen.size() == 2);
        assertThat(recorder.seen).containsExactly(1, 2);
    }

    @Test
    void buffersFromRegistrationWhileTheHandlerIsBusy() {
        var stream = WritableStream.<Integer>create();
        var gate = new CountDownLatch(1);
        var recorder = new Recorder(gate);
        var handler = stream.handle(recorder);

        IntStream.rangeClosed(1, 5).forEach(stream::write);
        await().until(() -> recorder.inside.get() == 1);
        assertThat(handler.backpressure()).isEqualTo(4);
        assertThat(stream.backpressure()).isEqualTo(4);
        assertThat(handler.stats().backpressure()).isEqualTo(4);

        gate.countDown();
        await().until(() -> recorder.seen.size() == 5);
        assertThat(handler.backpressure()).isZero();
        assertThat(handler.isAlive()).isTrue();
    }

    @Test
    void aClosedStreamIsHandledToTheEndThenTheHandlerEnds() {
        var stream = WritableStream.<Integer>create();
        var gate = new CountDownLatch(1);
        var recorder = new Recorder(gate);
        var handler = stream.handle(recorder);
        IntStream.rangeClosed(1, 3).forEach(stream::write);
        await().until(() -> recorder.inside.get() == 1);

        stream.close();
        assertThat(stream.write(4)).isZero();
        assertThat(handler.isAlive()).isTrue();
        gate.countDown();

        await().until(() -> !handler.isAlive());
        assertThat(recorder.seen).containsExactly(1, 2, 3);
        assertThat(handler.endReason()).contains(EndReason.CLOSED);
        assertThat(stream.consumerCount()).isZero();
    }

    @Test
    void closingAnIdleStreamEndsTheHandlerAtOnce() {
        var stream = WritableStream.<Integer>create();
        var handler = stream.handle(open());
        stream.close();
        assertThat(handler.isAlive()).isFalse();
        assertThat(handler.endReason()).contains(EndReason.CLOSED);
        assertThat(stream.consumerCount()).isZero();
    }

    @Test
    void aKillDiscardsTheBacklogButFinishesTheCurrentItem() {
        var stream = WritableStream.<Integer>create();
        var gate = new CountDownLatch(1);
        var recorder = new Recorder(gate);
        var handler = stream.handle(recorder);
        IntStream.rangeClosed(1, 3).forEach(stream::write);
        await().until(() -> recorder.inside.get() == 1);

        stream.kill();
        assertThat(handler.endReason()).contains(EndReason.KILLED);
        assertThat(handler.backpressure()).isZero();
        gate.countDown();

        await().until(() -> recorder.inside.get() == 0);
        assertThat(recorder.seen).containsExactly(1);
        stream.write(4);
        assertThat(recorder.seen).containsExactly(1);
        assertThat(stream.consumerCount()).isZero();
    }

    @Test
    void closingTheHandlerUnregistersItAndIsIdempotent() {
        var stream = WritableStream.<Integer>create();
        var recorder = open();
        var handler = stream.handle(recorder);
        assertThat(stream.consumerCount()).isEqualTo(1);
        assertThat(stream.hasConsumer(handler.id())).isTrue();

        handler.close();
        handler.close();

        assertThat(handler.endReason()).contains(EndReason.RELEASED);
        assertThat(stream.consumerCount()).isZero();
        assertThat(stream.write(1)).isZero();
        assertThat(recorder.seen).isEmpty();
    }

    @Test
    void aThrowingHandlerReportsTheErrorAndHandlesTheNextItem() throws Exception {
        var reported = new CopyOnWriteArrayList<Throwable>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> reported.add(error));
        try {
            var stream = WritableStream.<Integer>create();
            var seen = new CopyOnWriteArrayList<Integer>();
            stream.handle(item -> {
                if (item == 2) {
                    throw new IllegalStateException("boom on 2");
                }
                seen.add(item);
            });
            IntStream.rangeClosed(1, 3).forEach(stream::write);

            await().dontCatchUncaughtExceptions().until(() -> seen.size() == 2);
            assertThat(seen).containsExactly(1, 3);
            assertThat(reported).singleElement().satisfies(e -> assertThat(e).hasMessage("boom on 2"));
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    @Test
    void aBoundedStreamAppliesItsPolicyToHandlers() {
        var stream = WritableStream.builder().maxBacklog(2).overflowPolicy(OverflowPolicy.FAIL).<Integer>build();
        var gate = new CountDownLatch(1);
        var recorder = new Recorder(gate);
        var handler = stream.handle(recorder);
        stream.write(1);
        await().until(() -> recorder.inside.get() == 1);

        stream.write(2);
        stream.write(3);
        assertThat(stream.write(4)).isZero();

        assertThat(handler.endReason()).contains(EndReason.OVERFLOWED);
        assertThat(stream.consumerCount()).isZero();
        gate.countDown();
        await().until(() -> recorder.inside.get() == 0);
        assertThat(recorder.seen).containsExactly(1);
    }

    @Test
    void dropOldestKeepsTheNewestAndCountsTheDrops() {
        var stream = WritableStream.builder().maxBacklog(2).overflowPolicy(OverflowPolicy.DROP_OLDEST).<Integer>build();
        var gate = new CountDownLatch(1);
        var recorder = new Recorder(gate);
        var handler = stream.handle(recorder);
        stream.write(1);
        await().until(() -> recorder.inside.get() == 1);
        IntStream.rangeClosed(2, 5).forEach(stream::write);

        assertThat(handler.stats().dropped()).isEqualTo(2);
        gate.countDown();
        await().until(() -> recorder.seen.size() == 3);
        assertThat(recorder.seen).containsExactly(1, 4, 5);
    }

    @Test
    void demuxSubStreamsTakeHandlersByName() {
        var demux = StreamDemux.<Integer>create();
        var recorder = open();
        var handler = demux.stream("a").handle(recorder);
        demux.write("b", 1);
        demux.write("a", 2);

        await().until(() -> recorder.seen.size() == 1);
        assertThat(recorder.seen).containsExactly(2);
        assertThat(handler.stats().streamName()).isEqualTo(Optional.of("a"));
        demux.close("a");
        await().until(() -> !handler.isAlive());
        assertThat(handler.endReason()).contains(EndReason.CLOSED);
    }

    @Test
    void otherStreamsGetTheLoopFormWithTheSameRules() {
        var inner = WritableStream.<Integer>create();
        ConsumableStream<Integer> wrapper = new ConsumableStream<>() {
            @Override public StreamConsumer<Integer> createConsumer() { return inner.createConsumer(); }
            @Override public StreamConsumer<Integer> createConsumer(java.time.Duration t) { return inner.createConsumer(t); }
            @Override public java.util.concurrent.CompletableFuture<Integer> once() { return inner.once(); }
            @Override public java.util.concurrent.CompletableFuture<Integer> once(java.time.Duration t) { return inner.once(t); }
        };
        var recorder = open();
        var handler = wrapper.handle(recorder);
        IntStream.rangeClosed(1, 100).forEach(inner::write);

        await().until(() -> recorder.seen.size() == 100);
        assertThat(recorder.seen).isEqualTo(IntStream.rangeClosed(1, 100).boxed().toList());
        assertThat(recorder.maxInside).hasValue(1);
        handler.close();
        assertThat(handler.endReason()).contains(EndReason.RELEASED);
        assertThat(inner.consumerCount()).isZero();
    }

    @Test
    void aNullHandlerIsRejected() {
        var stream = WritableStream.<Integer>create();
        assertThatThrownBy(() -> stream.handle(null)).isInstanceOf(NullPointerException.class);
        assertThat(stream.consumerCount()).isZero();
    }
}
