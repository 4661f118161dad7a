package dev.switchboard.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one shared frame to many channels with one task per event loop instead of one per channel,
 * and leaves the flush to {@link LoopFlusher}, so frames of publications queued in the same loop pass
 * leave in one writev and the cross-thread hand-off is paid once per loop, not per subscriber.
 */
final class Fanout {
    private final Map<EventLoop, List<Channel>> byLoop = new IdentityHashMap<>(4);

    void add(Channel channel) {
        byLoop.computeIfAbsent(channel.eventLoop(), l -> new ArrayList<>()).add(channel);
    }

    boolean isEmpty() {
        return byLoop.isEmpty();
    }

    /** Hands the frame to every added channel; takes its own references, so the caller may release. */
    void send(SharedFrame frame) {
        for (Map.Entry<EventLoop, List<Channel>> entry : byLoop.entrySet()) {
            List<Channel> channels = entry.getValue();
            ByteBuf[] copies = new ByteBuf[channels.size()];
            for (int i = 0; i < copies.length; i++) {
                copies[i] = frame.wire();
            }
            EventLoop loop = entry.getKey();
            Runnable task = () -> {
                LoopFlusher flusher = LoopFlusher.of(loop);
                for (int i = 0; i < copies.length; i++) {
                    Channel ch = channels.get(i);
                    ch.write(copies[i], ch.voidPromise());
                    flusher.mark(ch); // one flush per channel per loop pass, after every queued publication
                }
            };
            if (loop.inEventLoop()) {
                task.run();
            } else {
                loop.execute(task);
            }
        }
        byLoop.clear();
    }
}
