package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HandoffStreamTest {

    @Test
    void theWriterWaitsUntilEveryLoopBodyFinished() throws Exception {
        HandoffStream<String> stream = new HandoffStream<>();
        var consumer = stream.createConsumer();
        CountDownLatch inBody = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean setupDone = new AtomicBoolean();
        Thread.ofVirtual().start(() -> {
            for (String item : consumer) {
                inBody.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    return;
                }
                setupDone.set(true);
            }
        });
        await().until(() -> stream.waitingCount() == 1);
        HandoffStream.Barrier barrier = stream.write("conn-1");
        assertThat(inBody.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(barrier.await(Duration.ofMillis(50))).as("body still running").isFalse();
        release.countDown();
        assertThat(barrier.await(Duration.ofSeconds(5))).isTrue();
        assertThat(setupDone).isTrue();
    }

    @Test
    void aBusyOrUnreadConsumerIsNotWaitedFor() throws Exception {
        HandoffStream<String> stream = new HandoffStream<>();
        var unread = stream.createConsumer(); // nobody iterates it
        var busy = stream.createConsumer();
        CountDownLatch inBody = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> {
            for (String item : busy) {
                inBody.countDown();
                try {
                    release.await(); // stuck in its body, like a loop that blocks
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        await().until(() -> stream.waitingCount() == 1);
        stream.write("first");
        assertThat(inBody.await(5, TimeUnit.SECONDS)).isTrue();
        // The next connection must not wait for the stuck loop nor for the unread consumer.
        assertThat(stream.write("second").await(Duration.ofMillis(100))).isTrue();
        release.countDown();
        unread.close();
    }

    @Test
    void noConsumerMeansNoWait() {
        HandoffStream<String> stream = new HandoffStream<>();
        assertThat(stream.write("nobody").await(Duration.ZERO)).isTrue();
    }

    @Test
    void closingAConsumerWithABacklogReleasesTheWriters() {
        HandoffStream<String> stream = new HandoffStream<>();
        var consumer = stream.createConsumer();
        HandoffStream.Barrier first = stream.write("a");
        HandoffStream.Barrier second = stream.write("b");
        consumer.close();
        assertThat(first.await(Duration.ofSeconds(1))).isTrue();
        assertThat(second.await(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void onceArrivesAtOnce() throws Exception {
        HandoffStream<String> stream = new HandoffStream<>();
        var once = stream.once();
        HandoffStream.Barrier barrier = stream.write("x");
        assertThat(once.get(1, TimeUnit.SECONDS)).isEqualTo("x");
        assertThat(barrier.await(Duration.ofSeconds(1))).isTrue();
    }
}
