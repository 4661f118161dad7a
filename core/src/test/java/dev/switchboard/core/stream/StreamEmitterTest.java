package dev.switchboard.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StreamEmitterTest {

    private final StreamEmitter<String> emitter = StreamEmitter.create();

    private static List<String> drain(StreamConsumer<String> consumer) {
        List<String> seen = new ArrayList<>();
        consumer.forEachRemaining(seen::add);
        return seen;
    }

    @Test
    void emitReachesEveryConsumerOfTheListener() {
        var first = emitter.listener("message").createConsumer();
        var second = emitter.listener("message").createConsumer();
        var other = emitter.listener("close").createConsumer();

        assertThat(emitter.emit("message", "hi")).isEqualTo(2);
        emitter.closeAllListeners();

        assertThat(drain(first)).containsExactly("hi");
        assertThat(drain(second)).containsExactly("hi");
        assertThat(drain(other)).isEmpty();
    }

    @Test
    void eventsEmittedWhileNobodyListensAreLost() {
        assertThat(emitter.emit("message", "lost")).isZero();
        var consumer = emitter.listener("message").createConsumer();
        emitter.emit("message", "heard");
        emitter.closeListener("message");

        assertThat(drain(consumer)).containsExactly("heard");
    }

    @Test
    void aListenerLoopOnAVirtualThreadReceivesEventsUntilClosed() {
        var drain = Drain.start(emitter.listener("tick").createConsumer());
        await().until(drain::isWaiting);

        emitter.emit("tick", "1");
        emitter.emit("tick", "2");
        emitter.closeListener("tick", "done");

        assertThat(drain.done).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(List.of("1", "2"));
    }

    @Test
    void closeListenerDrainsAndCarriesTheEndValue() {
        var consumer = emitter.listener("a").createConsumer();
        emitter.emit("a", "x");
        emitter.closeListener("a", "bye");

        assertThat(drain(consumer)).containsExactly("x");
        assertThat(consumer.endValue()).contains("bye");
        assertThat(emitter.listenerNames()).isEmpty();
    }

    @Test
    void killListenerAndKillAllListenersEndConsumersAtOnce() {
        var a = emitter.listener("a").createConsumer();
        var b = emitter.listener("b").createConsumer();
        emitter.emit("a", "discarded");

        emitter.killListener("a", "dead");
        assertThat(a.hasNext()).isFalse();
        assertThat(a.endValue()).contains("dead");
        assertThat(b.isAlive()).isTrue();

        emitter.killAllListeners();
        assertThat(b.endReason()).contains(EndReason.KILLED);
        assertThat(emitter.allListenersConsumerCount()).isZero();

        emitter.listener("c").createConsumer();
        emitter.killListener("c");
        assertThat(emitter.listenerNames()).isEmpty();
    }

    @Test
    void listenerConsumersCanBeClosedAndKilledById() {
        var closed = emitter.listener("a").createConsumer();
        var killed = emitter.listener("a").createConsumer();
        emitter.emit("a", "x");

        assertThat(emitter.closeListenerConsumer(closed.id())).isTrue();
        assertThat(emitter.killListenerConsumer(killed.id())).isTrue();
        assertThat(emitter.killListenerConsumer(999)).isFalse();

        assertThat(drain(closed)).containsExactly("x");
        assertThat(killed.isAlive()).isFalse();
    }

    @Test
    void backpressureStatsAndCountsPerListenerAndOverall() {
        var a1 = emitter.listener("a").createConsumer();
        var a2 = emitter.listener("a").createConsumer(Duration.ofSeconds(2));
        var b1 = emitter.listener("b").createConsumer();
        emitter.emit("a", "1");
        emitter.emit("a", "2");
        a2.next();
        emitter.emit("b", "1");

        assertThat(emitter.listenerBackpressure("a")).isEqualTo(2);
        assertThat(emitter.allListenersBackpressure()).isEqualTo(2);
        assertThat(emitter.listenerConsumerBackpressure(a2.id())).isEqualTo(1);
        assertThat(emitter.listenerConsumerStats("a")).extracting(ConsumerStats::id)
                .containsExactlyInAnyOrder(a1.id(), a2.id());
        assertThat(emitter.listenerConsumerStats(a2.id()))
                .hasValueSatisfying(s -> assertThat(s.timeout()).contains(Duration.ofSeconds(2)));
        assertThat(emitter.allListenersConsumerStats()).hasSize(3);
        assertThat(emitter.listenerConsumerCount("a")).isEqualTo(2);
        assertThat(emitter.allListenersConsumerCount()).isEqualTo(3);
        assertThat(emitter.hasListenerConsumer("a", a1.id())).isTrue();
        assertThat(emitter.hasListenerConsumer("b", a1.id())).isFalse();
        assertThat(emitter.hasAnyListenerConsumer(b1.id())).isTrue();
        assertThat(emitter.listenerNames()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void onceOnAListenerResolvesWithTheNextEvent() {
        var next = emitter.listener("ready").once();
        emitter.emit("ready", "now");
        assertThat(next).isCompletedWithValue("now");
        assertThat(emitter.listenerConsumerCount("ready")).isZero();
    }

    @Test
    void nullEventsAndNamesAreRejected() {
        assertThatThrownBy(() -> emitter.emit("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> emitter.emit(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> emitter.listener(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> emitter.closeListener("a", null)).isInstanceOf(NullPointerException.class);
    }
}
