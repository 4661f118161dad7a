package dev.switchboard.server;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one shared frame to many channels with one task per event loop instead of one per channel,
 * and leaves the flush to {@link LoopFlusher}, so frames of publications queued in the same loop pass
 * leave in one writev and the cross-thread hand-off is paid once per loop, not per subscriber.
 * The per-recipient duplicates are made inside the loop's task: taken and released on the same event
 * loop, they come from and return to that loop's recycler instead of being allocated on the caller's
 * (virtual) thread and handed across.
 */
final class Fanout {
    private final int expected;
    private final Map<EventLoop, List<WireOut>> byLoop = new IdentityHashMap<>(4);
    // Most servers fan out to channels of one or two loops: skip the map lookup for a run of one loop.
    private EventLoop lastLoop;
    private List<WireOut> lastChannels;
    // Ready arrays of one loop's channels (a channel's direct recipients), sent as they are.
    private List<Group> groups = List.of();

    private record Group(EventLoop loop, WireOut[] outs) {}

    /** {@code expected}: roughly how many channels will be added, so the list does not regrow. */
    Fanout(int expected) {
        this.expected = Math.max(4, expected);
    }

    void add(WireOut out) {
        EventLoop loop = out.loop();
        if (loop != lastLoop) {
            lastChannels = byLoop.computeIfAbsent(loop, l -> new ArrayList<>(expected));
            lastLoop = loop;
        }
        lastChannels.add(out);
    }

    /** Adds every channel of {@code outs}, all of them on {@code loop}; the array is not copied or changed. */
    void addAll(EventLoop loop, WireOut[] outs) {
        if (groups.isEmpty()) {
            groups = new ArrayList<>(2);
        }
        groups.add(new Group(loop, outs));
    }

    boolean isEmpty() {
        return byLoop.isEmpty() && groups.isEmpty();
    }

    /** Hands the frame to every added channel; takes its own references, so the caller may release. */
    void send(SharedFrame frame) {
        for (Map.Entry<EventLoop, List<WireOut>> entry : byLoop.entrySet()) {
            sendOnLoop(entry.getKey(), entry.getValue(), frame);
        }
        for (Group group : groups) {
            sendOnLoop(group.loop(), Arrays.asList(group.outs()), frame);
        }
        byLoop.clear();
        lastLoop = null;
        lastChannels = null;
        groups = List.of();
    }

    private static void sendOnLoop(EventLoop loop, List<WireOut> channels, SharedFrame frame) {
        frame.retain(); // released by the task once every channel holds its duplicate
        Runnable task = () -> {
            try {
                LoopFlusher flusher = LoopFlusher.of(loop);
                for (int i = 0, n = channels.size(); i < n; i++) {
                    WireOut out = channels.get(i);
                    out.write(frame.wire());
                    flusher.mark(out); // one flush per channel per loop pass, after every queued publication
                }
            } finally {
                frame.release();
            }
        };
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }
}
