package dev.switchboard.standalone;

import dev.switchboard.server.SwitchboardServer;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The job-progress demo (seed 002: long polling, Server-Sent Events, pub/sub): a fake job whose progress
 * goes from 0 to 100 % in steps of 10, told three ways at once: on the SocketCluster/SSE channel {@code
 * job.<id>} (so a WebSocket subscriber and an {@code EventSource} get it) and as the Socket.IO event
 * {@code progress} to the room {@code job.<id>} (which the page watches over Engine.IO long-polling).
 *
 * <p>Jobs run on one daemon timer thread; {@link #close()} stops them. Thread-safe.
 */
final class DemoJobs implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SwitchboardServer server;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("demo-jobs").daemon().factory());

    DemoJobs(SwitchboardServer server) {
        this.server = server;
    }

    /** Starts a job after {@code delayMillis} (time for the page to subscribe); returns its channel. */
    String start(long stepMillis, long delayMillis) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        String channel = "job." + HexFormat.of().formatHex(bytes);
        for (int step = 0; step <= 10; step++) {
            int progress = step * 10;
            timer.schedule(() -> report(channel, progress), delayMillis + step * stepMillis, TimeUnit.MILLISECONDS);
        }
        return channel;
    }

    private void report(String channel, int progress) {
        Map<String, Object> update = Map.of("job", channel, "progress", progress, "done", progress == 100);
        server.exchange().transmitPublish(channel, update);
        if (server.options().socketIo().enabled()) {
            server.socketIo().to(channel).emit("progress", update);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
