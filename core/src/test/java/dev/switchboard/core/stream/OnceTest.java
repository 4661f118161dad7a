package dev.switchboard.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OnceTest {

    private static final Duration SHORT = Duration.ofMillis(50);

    private final WritableStream<String> stream = WritableStream.create();

    private static <T> CompletableFuture<T> onVirtualThread(java.util.function.Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, runnable -> Thread.ofVirtual().start(runnable));
    }

    @Test
    void onceCompletesWithTheNextWriteAndThenUnregisters() {
        stream.write("earlier, not seen");
        var next = stream.once();
        assertThat(stream.consumerCount()).isEqualTo(1);
        assertThat(next).isNotDone();

        stream.write("first");
        stream.write("second");

        assertThat(next).isCompletedWithValue("first");
        assertThat(stream.consumerCount()).isZero();
    }

    @Test
    void aPendingOnceIsListedInTheStats() {
        var next = stream.once(Duration.ofSeconds(30));
        assertThat(stream.consumerStats())
                .singleElement()
                .satisfies(stats -> {
                    assertThat(stats.backpressure()).isZero();
                    assertThat(stats.timeout()).contains(Duration.ofSeconds(30));
                });
        next.cancel(false);
    }

    @Test
    void timedOnceFailsWithStreamTimeoutException() {
        var next = stream.once(SHORT);

        assertThat(next).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(StreamTimeoutException.class);
        await().until(() -> stream.consumerCount() == 0);
    }

    @Test
    void timedOnceSucceedsWhenAnItemArrivesInTime() {
        var next = stream.once(Duration.ofSeconds(5));
        stream.write("in time");
        assertThat(next).isCompletedWithValue("in time");
    }

    @Test
    void cancellingOnceUnregistersItsConsumer() {
        var next = stream.once();
        next.cancel(false);
        assertThat(stream.consumerCount()).isZero();
        assertThat(stream.write("x")).isZero();
    }

    @Test
    void plainOnceNeverCompletesWhenTheStreamClosesFirst() {
        var next = stream.once();
        stream.close();
        assertThat(stream.consumerCount()).isZero();

        // Prove later writes are flowing (a fresh consumer gets one) while the old once stays pending.
        var witness = stream.createConsumer();
        stream.write("after close");
        assertThat(witness.next()).isEqualTo("after close");

        assertThat(next).isNotDone();
    }

    @Test
    void plainOnceNeverCompletesWhenTheStreamIsKilledFirst() {
        var next = stream.once();
        stream.kill("killed");
        var witness = stream.createConsumer();
        stream.write("after kill");
        assertThat(witness.next()).isEqualTo("after kill");

        assertThat(next).isNotDone();
    }

    @Test
    void timedOnceStillTimesOutWhenTheStreamClosesFirst() {
        var next = stream.once(SHORT);
        stream.close();
        stream.write("ignored");

        assertThat(next).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(StreamTimeoutException.class);
    }

    @Test
    void awaitOnceBlocksUntilTheNextWrite() {
        var result = onVirtualThread(stream::awaitOnce);
        await().until(() -> stream.consumerCount() == 1);

        stream.write("hello");

        assertThat(result).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("hello");
    }

    @Test
    void timedAwaitOnceReturnsAnItemThatArrivesInTime() {
        var result = onVirtualThread(() -> stream.awaitOnce(Duration.ofSeconds(5)));
        await().until(() -> stream.consumerCount() == 1);

        stream.write("hello");

        assertThat(result).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("hello");
    }

    @Test
    void timedAwaitOnceThrowsStreamTimeoutException() {
        assertThatThrownBy(() -> stream.awaitOnce(SHORT)).isInstanceOf(StreamTimeoutException.class);
        await().until(() -> stream.consumerCount() == 0);
    }

    @Test
    void interruptingAwaitOnceThrowsAndUnregisters() throws InterruptedException {
        var failure = new CompletableFuture<Throwable>();
        var waiter = Thread.ofVirtual().start(() -> {
            try {
                stream.awaitOnce();
            } catch (StreamInterruptedException e) {
                failure.complete(e);
            }
        });
        await().until(() -> stream.consumerCount() == 1 && waiter.getState() == Thread.State.WAITING);

        waiter.interrupt();
        waiter.join();

        assertThat(failure).isCompletedWithValueMatching(StreamInterruptedException.class::isInstance);
        assertThat(stream.consumerCount()).isZero();
    }
}
