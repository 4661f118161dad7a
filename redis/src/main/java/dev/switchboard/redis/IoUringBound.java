package dev.switchboard.redis;

/**
 * Sets Netty's io_uring iovec bound before Lettuce loads Netty's io_uring class. Lettuce probes io_uring
 * when it builds its client resources, and that probe makes Netty read {@code
 * io.netty.iouring.numElementsIoVec} once for the whole process. Read before the Switchboard server set
 * it, the unbounded default made every gathering write past 1,024 iovecs in one loop pass go out empty (a
 * pair of nodes on this broker fanned out at a third of epoll's rate); the server now falls back to epoll
 * when it finds that, and this keeps it from having to. Same rule as the server's: a value the user set is
 * kept.
 */
final class IoUringBound {
    static final String PROPERTY = "io.netty.iouring.numElementsIoVec";

    private IoUringBound() {}

    static void apply() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "1024"); // Linux's UIO_MAXIOV
        }
    }
}
