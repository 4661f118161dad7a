package dev.switchboard.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final SerialExecutor mailbox = new SerialExecutor(threads, errors::add);

    @AfterEach
    void close() {
        threads.shutdownNow();
    }

    @Test
    void inlineTaskRunsOnTheCallerWhenIdle() {
        Thread caller = Thread.currentThread();
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        mailbox.executeInlineIfIdle(() -> ranOn.add(Thread.currentThread()));
        assertThat(ranOn).containsExactly(caller);
    }

    @Test
    void inlineTaskQueuesBehindARunningTaskAndKeepsOrder() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        mailbox.execute(() -> {
            started.countDown();
            awaitQuietly(release);
            order.add("first");
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread caller = Thread.currentThread();
        List<Thread> inlineRanOn = new CopyOnWriteArrayList<>();
        mailbox.executeInlineIfIdle(() -> {
            inlineRanOn.add(Thread.currentThread());
            order.add("inline");
        });
        mailbox.execute(() -> order.add("last"));
        assertThat(order).isEmpty(); // nothing overtook the blocked task
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 3);
        assertThat(order).containsExactly("first", "inline", "last");
        assertThat(inlineRanOn).doesNotContain(caller);
    }

    @Test
    void tasksSubmittedDuringAnInlineTaskRunAfterIt() {
        List<String> order = new CopyOnWriteArrayList<>();
        mailbox.executeInlineIfIdle(() -> {
            mailbox.execute(() -> order.add("queued"));
            order.add("inline");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 2);
        assertThat(order).containsExactly("inline", "queued");
    }

    @Test
    void aFailingInlineTaskIsReportedAndTheMailboxStaysUsable() {
        RuntimeException boom = new IllegalStateException("boom");
        mailbox.executeInlineIfIdle(() -> {
            throw boom;
        });
        assertThat(errors).containsExactly(boom);
        List<String> ran = new CopyOnWriteArrayList<>();
        mailbox.execute(() -> ran.add("after"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
