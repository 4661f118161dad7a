package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.internal.VirtualStarts;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LoopStartsTest {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    @AfterEach
    void shutDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    /**
     * Starts tasks from one loop task, which then keeps its pass open until {@code runDuringPass} of them
     * have run (a latch, not a sleep: the tasks that can run meanwhile are exactly the ones not batched).
     */
    private List<String> startFromOnePass(int tasks, int runDuringPass, AtomicBoolean passOver) {
        List<String> ran = new CopyOnWriteArrayList<>();
        var arrived = new CountDownLatch(runDuringPass);
        group.next().execute(() -> {
            for (int i = 0; i < tasks; i++) {
                String name = "task-" + i;
                VirtualStarts.start(() -> {
                    ran.add(name + (Thread.currentThread().isVirtual() ? "" : " on a platform thread")
                            + (passOver.get() ? "" : " before the pass ended"));
                    arrived.countDown();
                });
            }
            endPassOnceArrived(arrived, passOver);
        });
        return ran;
    }

    /** Keeps the calling loop task, and so its pass, open until {@code arrived} opens. */
    private static void endPassOnceArrived(CountDownLatch arrived, AtomicBoolean passOver) {
        try {
            arrived.await(5, TimeUnit.SECONDS); // a bound for a broken build, not a pause
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        passOver.set(true);
    }

    @Test
    void aPassesLaterStartsWaitForTheEndOfThePassThenAllRunOnVirtualThreads() {
        LoopStarts.install(group);
        var passOver = new AtomicBoolean();
        List<String> ran = startFromOnePass(5, 1, passOver);

        await().until(() -> ran.size() == 5);
        // The first goes at once (a lone message is not held back); the rest wait for the pass to end.
        assertThat(ran).filteredOn(r -> !r.startsWith("task-0"))
                .containsExactlyInAnyOrder("task-1", "task-2", "task-3", "task-4");
        assertThat(ran).filteredOn(r -> r.startsWith("task-0")).singleElement().asString()
                .doesNotContain("platform thread");
    }

    @Test
    void anotherStartForThePassesFirstOwnerRunsAtOnceWhileOtherOwnersWait() {
        LoopStarts.install(group);
        List<String> ran = new CopyOnWriteArrayList<>();
        var passOver = new AtomicBoolean();
        var arrived = new CountDownLatch(2);
        Object publisher = new Object();
        Object other = new Object();
        group.next().execute(() -> {
            for (var start : List.of(java.util.Map.entry("first", publisher), java.util.Map.entry("other", other),
                    java.util.Map.entry("second", publisher))) {
                VirtualStarts.start(start.getValue(), () -> {
                    ran.add(start.getKey() + (passOver.get() ? "" : " before the pass ended"));
                    arrived.countDown();
                });
            }
            endPassOnceArrived(arrived, passOver);
        });

        await().until(() -> ran.size() == 3);
        assertThat(ran).containsExactlyInAnyOrder("first before the pass ended", "second before the pass ended",
                "other");
    }

    @Test
    void aPassesFirstStartRunsAtOnce() {
        LoopStarts.install(group);
        var passOver = new AtomicBoolean();
        List<String> ran = startFromOnePass(1, 1, passOver);

        await().until(() -> ran.size() == 1);
        assertThat(ran).containsExactly("task-0 before the pass ended");
    }

    @Test
    void withoutBatchingEveryStartRunsAtOnce() {
        var passOver = new AtomicBoolean();
        List<String> ran = startFromOnePass(3, 3, passOver);

        await().until(() -> ran.size() == 3);
        assertThat(ran).containsExactlyInAnyOrder(
                "task-0 before the pass ended", "task-1 before the pass ended", "task-2 before the pass ended");
    }

    @Test
    void laterPassesStartTheirOwnBatches() {
        LoopStarts.install(group);
        List<String> ran = new CopyOnWriteArrayList<>();
        for (int pass = 0; pass < 50; pass++) {
            int p = pass;
            group.next().execute(() -> VirtualStarts.start(() -> ran.add("pass-" + p)));
        }
        await().until(() -> ran.size() == 50);
        assertThat(ran).doesNotHaveDuplicates();
    }

    @Test
    void startsFromOtherThreadsAreNotBatched() throws Exception {
        LoopStarts.install(group);
        var started = new CountDownLatch(1);
        VirtualStarts.start(started::countDown);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    }
}
