package dev.switchboard.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StreamDemuxTest {

    private final StreamDemux<String> demux = StreamDemux.create();

    private static List<String> drain(StreamConsumer<String> consumer) {
        List<String> seen = new ArrayList<>();
        consumer.forEachRemaining(seen::add);
        return seen;
    }

    @Test
    void writingToANameWithoutConsumersDropsTheItem() {
        assertThat(demux.write("chat", "lost")).isZero();

        var consumer = demux.stream("chat").createConsumer();
        demux.write("chat", "kept");
        demux.close("chat");

        assertThat(drain(consumer)).containsExactly("kept");
    }

    @Test
    void aStreamHandleBuffersAndRegistersNothing() {
        var handle = demux.stream("chat");
        demux.write("chat", "lost");

        assertThat(demux.streamNames()).isEmpty();
        assertThat(demux.consumerCount("chat")).isZero();
        assertThat(demux.backpressure("chat")).isZero();
        assertThat(handle).isEqualTo(demux.stream("chat"));

        var consumer = handle.createConsumer();
        assertThat(demux.streamNames()).containsExactly("chat");
        assertThat(consumer.backpressure()).isZero();
    }

    @Test
    void itemsGoOnlyToTheConsumersOfTheirName() {
        var chat = demux.stream("chat").createConsumer();
        var news = demux.stream("news").createConsumer();

        demux.write("chat", "c1");
        demux.write("news", "n1");
        demux.write("chat", "c2");
        demux.closeAll();

        assertThat(drain(chat)).containsExactly("c1", "c2");
        assertThat(drain(news)).containsExactly("n1");
    }

    @Test
    void aSubStreamIsRemovedWhenItsLastConsumerEnds() {
        var first = demux.stream("chat").createConsumer();
        var second = demux.stream("chat").createConsumer();
        var drained = demux.stream("chat").createConsumer();
        demux.write("chat", "x");

        first.close();
        demux.killConsumer(second.id());
        assertThat(demux.streamNames()).containsExactly("chat");

        demux.close("chat");
        assertThat(demux.streamNames()).containsExactly("chat"); // still draining
        drained.next();
        assertThat(demux.streamNames()).isEmpty();
        assertThat(demux.consumerCountAll()).isZero();
    }

    @Test
    void aNameCanBeConsumedAgainAfterCloseAndKill() {
        demux.stream("chat").createConsumer();
        demux.close("chat");
        demux.stream("chat").createConsumer();
        demux.kill("chat");

        var again = demux.stream("chat").createConsumer();
        demux.write("chat", "again");
        demux.close("chat", "end");

        assertThat(drain(again)).containsExactly("again");
        assertThat(again.endValue()).contains("end");
    }

    @Test
    void consumerIdsAreSharedAcrossNames() {
        long a = demux.stream("a").createConsumer().id();
        long b = demux.stream("b").createConsumer().id();
        long c = demux.stream("a").createConsumer().id();

        assertThat(List.of(a, b, c)).doesNotHaveDuplicates().isSorted();
        assertThat(demux.hasConsumer("a", a)).isTrue();
        assertThat(demux.hasConsumer("b", a)).isFalse();
        assertThat(demux.hasConsumer(b)).isTrue();
        assertThat(demux.hasConsumer(999)).isFalse();
    }

    @Test
    void targetedOperationsReachOneConsumerWhateverItsName() {
        var target = demux.stream("a").createConsumer();
        var bystander = demux.stream("a").createConsumer();
        var killed = demux.stream("b").createConsumer();

        assertThat(demux.writeToConsumer(target.id(), "direct")).isTrue();
        assertThat(demux.writeToConsumer(999, "nobody")).isFalse();
        assertThat(demux.closeConsumer(target.id(), "closed")).isTrue();
        assertThat(demux.killConsumer(killed.id(), "killed")).isTrue();
        assertThat(demux.closeConsumer(999)).isFalse();

        assertThat(drain(target)).containsExactly("direct");
        assertThat(target.endValue()).contains("closed");
        assertThat(killed.endValue()).contains("killed");
        assertThat(bystander.backpressure()).isZero();
        assertThat(bystander.isAlive()).isTrue();
    }

    @Test
    void closeAndKillByNameLeaveOtherNamesAlone() {
        var a = demux.stream("a").createConsumer();
        var b = demux.stream("b").createConsumer();
        demux.write("a", "a1");
        demux.write("b", "b1");

        demux.kill("a", "dead");
        assertThat(a.endValue()).contains("dead");
        assertThat(b.isAlive()).isTrue();

        demux.killAll("all dead");
        assertThat(b.endValue()).contains("all dead");
        assertThat(demux.streamNames()).isEmpty();
    }

    @Test
    void closeAllWithAnEndValueDrainsEveryName() {
        var a = demux.stream("a").createConsumer();
        var b = demux.stream("b").createConsumer();
        demux.write("a", "a1");
        demux.closeAll("bye");

        assertThat(drain(a)).containsExactly("a1");
        assertThat(a.endValue()).contains("bye");
        assertThat(b.endValue()).contains("bye");
        assertThat(b.isAlive()).isFalse();
    }

    @Test
    void backpressureAndStatsArePerNameAndOverall() {
        var a1 = demux.stream("a").createConsumer();
        var a2 = demux.stream("a").createConsumer(Duration.ofSeconds(3));
        var b1 = demux.stream("b").createConsumer();
        demux.write("a", "1");
        demux.write("a", "2");
        a2.next();
        demux.write("b", "1");

        assertThat(demux.backpressure("a")).isEqualTo(2);
        assertThat(demux.backpressure("b")).isEqualTo(1);
        assertThat(demux.backpressure("none")).isZero();
        assertThat(demux.backpressureAll()).isEqualTo(2);
        assertThat(demux.consumerBackpressure(a2.id())).isEqualTo(1);
        assertThat(demux.consumerCount("a")).isEqualTo(2);
        assertThat(demux.consumerCountAll()).isEqualTo(3);
        assertThat(demux.consumerStats("a")).containsExactlyInAnyOrder(
                new ConsumerStats(a1.id(), 2, 0, Optional.empty(), Optional.of("a")),
                new ConsumerStats(a2.id(), 1, 0, Optional.of(Duration.ofSeconds(3)), Optional.of("a")));
        assertThat(demux.consumerStatsAll()).extracting(ConsumerStats::id)
                .containsExactlyInAnyOrder(a1.id(), a2.id(), b1.id());
        assertThat(demux.consumerStats(b1.id())).map(ConsumerStats::streamName).contains(Optional.of("b"));
        assertThat(demux.consumerStats("none")).isEmpty();
    }

    @Test
    void onceOnASubStreamCleansUpAfterItself() {
        var next = demux.stream("a").once();
        assertThat(demux.streamNames()).containsExactly("a");

        demux.write("a", "first");

        assertThat(next).isCompletedWithValue("first");
        assertThat(demux.streamNames()).isEmpty();
        assertThat(demux.stream("a").once(Duration.ofMillis(20)))
                .failsWithin(Duration.ofSeconds(5));
        await().until(() -> demux.streamNames().isEmpty());
    }

    @Test
    void concurrentConsumerChurnNeverLeavesEmptySubStreamsBehind() throws Exception {
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                tasks.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 500; i++) {
                        var consumer = demux.stream("churn" + (i % 3)).createConsumer();
                        demux.write("churn" + (i % 3), "x");
                        if (i % 2 == 0) {
                            consumer.close();
                        } else {
                            demux.killConsumer(consumer.id());
                        }
                    }
                }, threads));
            }
            CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        }
        assertThat(demux.streamNames()).isEmpty();
        assertThat(demux.consumerCountAll()).isZero();
    }

    @Test
    void nullNamesAndItemsAreRejected() {
        assertThatThrownBy(() -> demux.stream(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> demux.write(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> demux.write("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> demux.close(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> demux.close("a", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> demux.closeAll(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> demux.hasConsumer(null, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> demux.writeToConsumer(1, null)).isInstanceOf(NullPointerException.class);
    }
}
