package dev.switchboard.benchmarks.harness;

import java.util.List;

/**
 * What a scenario drives and measures: one server process, or several processes that together serve
 * one deployment (cluster nodes and their Redis). Readings are of the whole deployment, summed over its
 * processes, so per-CPU-second figures stay comparable between the two. Harness threads only; {@link
 * #close()} stops every process, bounded in time.
 */
interface ServerUnderTest extends AutoCloseable {
    ServerKind kind();

    /** Client-facing ports, one per node; publishers connect to the first. */
    List<Integer> ports();

    default int port() {
        return ports().get(0);
    }

    /** utime+stime of every process, in seconds. */
    double cpuSeconds();

    double rssMb();

    double peakRssMb();

    /** The process ids of the deployment: its server processes and, for a cluster, its Redis. */
    List<Long> pids();

    /** Heap in use after a full GC, summed over the server processes, in MB. */
    double heapAfterGcMb();

    boolean isAlive();

    @Override
    void close();
}
