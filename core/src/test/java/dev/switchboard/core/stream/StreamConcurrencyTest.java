package dev.switchboard.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamConcurrencyTest {

    private static final int WRITERS = 4;
    private static final int CONSUMERS = 8;
    private static final int ITEMS_PER_WRITER = 20_000;

    /** Item = writer index and that writer's sequence number, so order can be checked per writer. */
    record Item(int writer, int seq) {
    }

    /** What one consumer saw: per-writer counts and whether every writer's items came in order. */
    record Seen(long[] perWriter, boolean inOrder, long dropped) {
        long total() {
            return Arrays.stream(perWriter).sum();
        }
    }

    private static Seen consume(StreamConsumer<Item> consumer, boolean gapsAllowed) {
        long[] counts = new long[WRITERS];
        int[] last = new int[WRITERS];
        Arrays.fill(last, -1);
        boolean inOrder = true;
        for (Item item : consumer) {
            // Without drops each writer's next item must be exactly last+1 (no loss, no duplicate);
            // with drops it must still be strictly increasing (order kept, no duplicate).
            boolean ok = gapsAllowed ? item.seq() > last[item.writer()] : item.seq() == last[item.writer()] + 1;
            inOrder &= ok;
            last[item.writer()] = item.seq();
            counts[item.writer()]++;
        }
        return new Seen(counts, inOrder, consumer.stats().dropped());
    }

    private static List<CompletableFuture<Seen>> startConsumers(
            WritableStream<Item> stream, ExecutorService threads, boolean gapsAllowed) {
        List<CompletableFuture<Seen>> results = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            var consumer = stream.createConsumer(); // registered before any write
            results.add(CompletableFuture.supplyAsync(() -> consume(consumer, gapsAllowed), threads));
        }
        return results;
    }

    private static void runWriters(WritableStream<Item> stream, ExecutorService threads) throws Exception {
        var go = new CountDownLatch(1);
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(CompletableFuture.runAsync(() -> {
                awaitQuietly(go);
                for (int seq = 0; seq < ITEMS_PER_WRITER; seq++) {
                    stream.write(new Item(writer, seq));
                }
            }, threads));
        }
        go.countDown();
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void manyWritersAndConsumersLoseNothingDuplicateNothingAndKeepPerWriterOrder() throws Exception {
        WritableStream<Item> stream = WritableStream.create();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var consumers = startConsumers(stream, threads, false);
            runWriters(stream, threads);
            stream.close();

            for (var result : consumers) {
                Seen seen = result.get(30, TimeUnit.SECONDS);
                assertThat(seen.inOrder()).as("per-writer order, no loss, no duplicates").isTrue();
                assertThat(seen.perWriter()).containsOnly(ITEMS_PER_WRITER);
            }
        }
        assertThat(stream.consumerCount()).isZero();
    }

    @Test
    void boundedDropOldestAccountsForEveryItemUnderConcurrency() throws Exception {
        WritableStream<Item> stream = WritableStream.builder()
                .maxBacklog(64).overflowPolicy(OverflowPolicy.DROP_OLDEST).build();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var consumers = startConsumers(stream, threads, true);
            runWriters(stream, threads);
            stream.close();

            for (var result : consumers) {
                Seen seen = result.get(30, TimeUnit.SECONDS);
                assertThat(seen.inOrder()).as("per-writer order, no duplicates").isTrue();
                assertThat(seen.total() + seen.dropped()).isEqualTo((long) WRITERS * ITEMS_PER_WRITER);
            }
        }
    }

    @Test
    void tenThousandBlockedVirtualConsumersNeedNoPlatformThreads() throws Exception {
        int count = 10_000;
        WritableStream<Integer> stream = WritableStream.create();
        var threadMx = ManagementFactory.getThreadMXBean(); // counts platform threads only
        int platformBefore = threadMx.getThreadCount();
        List<Thread> readers = new ArrayList<>(count);
        List<CompletableFuture<Integer>> received = new ArrayList<>(count);

        for (int i = 0; i < count; i++) {
            var consumer = stream.createConsumer();
            var result = new CompletableFuture<Integer>();
            received.add(result);
            readers.add(Thread.ofVirtual().start(() -> {
                if (consumer.hasNext()) {
                    result.complete(consumer.next());
                }
            }));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> readers.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        assertThat(threadMx.getThreadCount() - platformBefore).isLessThan(64);

        assertThat(stream.write(42)).isEqualTo(count);

        CompletableFuture.allOf(received.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(received).allSatisfy(r -> assertThat(r).isCompletedWithValue(42));
        stream.close();
        assertThat(stream.consumerCount()).isZero();
    }
}
