package dev.switchboard.core.internal;

/**
 * Bounds Netty's io_uring iovec array to IOV_MAX (1,024) unless the user chose a value. Every module
 * that may be first to load Netty's io_uring class calls {@link #apply()} before it does: Netty reads
 * {@link #PROPERTY} once per process, when that class loads, and Lettuce's transport probe loads it while
 * building its client resources, so a Redis broker created before the server would otherwise leave it
 * unbounded.
 *
 * <p>Netty 4.2's io_uring loop lends one iovec array to all its channels and clears it only when it
 * submits; the array reserves 10 × IOV_MAX entries but takes at most IOV_MAX in all, and it does not
 * count as full at that point, so past 1,024 queued iovecs in one pass every further gathering write
 * went out with no iovecs, completed with 0 bytes and was submitted again. In saturated fan-out to
 * 10,000 sockets that was about 940k empty {@code WRITEV}s in 3 s (perf tracepoints, 2026-12-06) and
 * half of epoll's deliveries per CPU-second. Sized to IOV_MAX, the array is full when it stops taking
 * entries, and the loop submits and clears it. Thread-safe (a system property); idempotent.
 */
public final class IoUringIoVecBound {
    /** Netty's system property for the array's size. */
    public static final String PROPERTY = "io.netty.iouring.numElementsIoVec";
    /** Linux's UIO_MAXIOV. */
    public static final int IOV_MAX = 1024;

    private IoUringIoVecBound() {}

    /** Sets {@link #PROPERTY} to {@link #IOV_MAX} unless it is set already. */
    public static void apply() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, Integer.toString(IOV_MAX));
        }
    }
}
