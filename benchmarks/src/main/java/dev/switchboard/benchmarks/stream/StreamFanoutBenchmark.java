package dev.switchboard.benchmarks.stream;

import dev.switchboard.core.stream.StreamConsumer;
import dev.switchboard.core.stream.WritableStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Write→consume cost of a {@link WritableStream} with 1 and 100 consumers, each iterating on its own
 * virtual thread. An operation counts only once <em>every</em> consumer has received the item: each
 * invocation ends with a marker item that every consumer acknowledges on a latch the benchmark thread
 * waits for.
 *
 * <ul>
 *   <li>{@link #throughput}: writes per second, fully consumed; each invocation writes
 *       {@value #BATCH} items and waits for the last one to reach all consumers.</li>
 *   <li>{@link #latency}: one write until all consumers have it (sampled). The time includes the
 *       consumers' latch signal back to the benchmark thread, so it bounds one-way latency from above.</li>
 * </ul>
 *
 * <p>Lifecycle: consumers are created and started once per trial and killed in tear-down.
 */
@State(Scope.Benchmark)
@Fork(1)
public class StreamFanoutBenchmark {

    static final int BATCH = 1_000;

    /** Stream items: plain data, or a marker each consumer acknowledges. */
    sealed interface Message permits Data, Marker {
    }

    /** Ordinary payload; consumers receive it like any message and move on. */
    record Data(long value) implements Message {
    }

    record Marker(CountDownLatch received) implements Message {
    }

    private static final Data DATA = new Data(42);

    @Param({"1", "100"})
    int consumers;

    private WritableStream<Message> stream;
    private final List<Thread> readers = new ArrayList<>();

    @Setup(Level.Trial)
    public void startConsumers() {
        stream = WritableStream.create();
        for (int i = 0; i < consumers; i++) {
            StreamConsumer<Message> consumer = stream.createConsumer();
            readers.add(Thread.ofVirtual().name("consumer-" + i).start(() -> consume(consumer)));
        }
    }

    private static void consume(StreamConsumer<Message> consumer) {
        for (Message message : consumer) {
            if (message instanceof Marker marker) {
                marker.received().countDown();
            }
        }
    }

    @TearDown(Level.Trial)
    public void stopConsumers() throws InterruptedException {
        stream.kill();
        for (Thread reader : readers) {
            reader.join();
        }
        readers.clear();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public void throughput() throws InterruptedException {
        for (int i = 1; i < BATCH; i++) {
            stream.write(DATA);
        }
        awaitMarker();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void latency() throws InterruptedException {
        awaitMarker();
    }

    /** Writes a marker and waits until every consumer has received it. */
    private void awaitMarker() throws InterruptedException {
        var received = new CountDownLatch(consumers);
        stream.write(new Marker(received));
        received.await();
    }
}
