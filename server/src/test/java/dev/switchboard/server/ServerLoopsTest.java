package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * io_uring refused when another library made Netty read its iovec bound before the server could set it
 * (the bound itself: {@code IoUringIoVecBoundTest} in core).
 */
class ServerLoopsTest {
    @Test
    void aBoundNettyReadBeforeThePropertyWasSetCountsAsMissed() {
        assertThat(ServerLoops.boundMissed(10240, "1024")).isTrue();
        assertThat(ServerLoops.boundMissed(10240, null)).isTrue();
        assertThat(ServerLoops.boundMissed(1024, "1024")).isFalse();
        assertThat(ServerLoops.boundMissed(512, "1024")).isFalse(); // bounded anyway
        assertThat(ServerLoops.boundMissed(10240, "10240")).isFalse(); // the user's choice
    }

    @Test
    void theBoundNettyReadIsVisible() {
        // If a Netty upgrade renames the field, the check above silently stops working: fail here instead.
        // Bound first: this read loads Netty's io_uring class, and later tests in this JVM ask for io_uring.
        dev.switchboard.core.internal.IoUringIoVecBound.apply();
        assertThat(ServerLoops.nettyIoVecs()).isPresent();
    }

    @Test
    void ioUringLoadedByAnotherLibraryFirstMakesTheServerUseEpoll() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Dswitchboard.transport=io_uring",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                LoadsIoUringFirst.class.getName()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
        reader.join(5000);
        String text = out.toString(StandardCharsets.UTF_8);
        List<String> result = text.lines().filter(l -> l.startsWith("RESULT ")).toList();
        assertThat(result).as(text).hasSize(1);
        String line = result.getFirst();
        if (line.contains("available=true")) {
            // Netty kept its unbounded default (10 x IOV_MAX); io_uring would spin on empty writes.
            assertThat(line).contains("read=10240", "transport=EPOLL");
        } else {
            assertThat(line).doesNotContain("transport=IO_URING");
        }
    }

    /** Child JVM: loads Netty's io_uring class the way Lettuce's probe does, then starts the loops on io_uring. */
    static final class LoadsIoUringFirst {
        public static void main(String[] args) {
            boolean available = io.netty.channel.uring.IoUring.isAvailable();
            ServerLoops loops = ServerLoops.start();
            try {
                System.out.println("RESULT available=" + available + " read=" + ServerLoops.nettyIoVecs().orElse(-1)
                        + " transport=" + loops.transport());
            } finally {
                loops.shutdown();
            }
        }
    }
}
