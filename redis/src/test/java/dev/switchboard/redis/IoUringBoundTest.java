package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broker created before the server (as the standalone server and most applications do) must not let
 * Lettuce's io_uring probe fix Netty's iovec bound at its unbounded default: the server would then have
 * to give up io_uring. Runs in a fresh JVM, since the bound is read once per process.
 */
class IoUringBoundTest {
    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // the child's output is read to its end
    void aBrokerCreatedFirstLeavesNettysIovecBoundAtIovMax() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            String java = ProcessHandle.current().info().command().orElse("java");
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process child = new ProcessBuilder(java, "-cp", classPath, CreatesBrokerFirst.class.getName(), redis.uri())
                    .redirectErrorStream(true).start();
            try {
                String text = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(child.waitFor()).as(text).isZero();
                assertThat(text.lines().filter(l -> l.startsWith("RESULT ")).toList()).as(text)
                        .containsExactly("RESULT read=1024");
            } finally {
                child.destroyForcibly();
            }
        }
    }

    /**
     * Child JVM: creates a broker on the Redis at {@code args[0]}, then clears the
     * property, so the value read below is the one Netty took while the broker was created. Had Lettuce
     * not loaded io_uring by then, this read would load it with no property and see 10240: the test then
     * fails too, which is right, since the bound would no longer be the broker's to set.
     */
    static final class CreatesBrokerFirst {
        public static void main(String[] args) throws Exception {
            RedisBroker broker = RedisBroker.create(RedisBrokerOptions.builder(args[0]).build());
            System.clearProperty(dev.switchboard.core.internal.IoUringIoVecBound.PROPERTY);
            Field field = Class.forName("io.netty.channel.uring.IoUring").getDeclaredField("NUM_ELEMENTS_IOVEC");
            field.setAccessible(true);
            System.out.println("RESULT read=" + field.getInt(null));
            broker.close();
        }
    }
}
