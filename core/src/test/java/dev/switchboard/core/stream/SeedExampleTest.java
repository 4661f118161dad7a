package dev.switchboard.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The protocol notes' example: a connection handler is busy for a while (here: blocked on a latch the
 * test controls) while messages arrive. Only a consumer created before the delay sees all of them.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SeedExampleTest {

    private final WritableStream<Integer> messages = WritableStream.create();
    private final CountDownLatch handlerStarted = new CountDownLatch(1);
    private final CountDownLatch delayOver = new CountDownLatch(1);
    private final List<Integer> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> handlerDone = new CompletableFuture<>();

    private void runHandler(Runnable body) {
        Thread.ofVirtual().start(() -> {
            try {
                body.run();
                handlerDone.complete(null);
            } catch (Throwable failure) {
                handlerDone.completeExceptionally(failure);
            }
        });
    }

    private void simulatedDelay() {
        handlerStarted.countDown();
        try {
            delayOver.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeRange(WritableStream<Integer> stream, int from, int to) {
        IntStream.rangeClosed(from, to).forEach(stream::write);
    }

    @Test
    void goodConsumerCreatedBeforeTheDelayReceivesEverythingInOrder() throws InterruptedException {
        runHandler(() -> {
            var consumer = messages.createConsumer();
            simulatedDelay();
            for (int message : consumer) {
                received.add(message);
            }
        });
        handlerStarted.await();

        writeRange(messages, 1, 5); // while the handler is "sleeping"
        delayOver.countDown();
        writeRange(messages, 6, 10);
        messages.close();

        assertThat(handlerDone).succeedsWithin(Duration.ofSeconds(5));
        assertThat(received).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void badForLoopStartedAfterTheDelayMissesEarlierItems() throws InterruptedException {
        runHandler(() -> {
            simulatedDelay();
            for (int message : messages) {
                received.add(message);
            }
        });
        handlerStarted.await();

        writeRange(messages, 1, 5); // nobody is consuming yet: lost
        delayOver.countDown();
        await().until(() -> messages.consumerCount() == 1); // the loop has started
        writeRange(messages, 6, 10);
        messages.close();

        assertThat(handlerDone).succeedsWithin(Duration.ofSeconds(5));
        assertThat(received).containsExactly(6, 7, 8, 9, 10);
    }
}
