package dev.switchboard.benchmarks.harness;

import dev.switchboard.benchmarks.load.Protocol;
import dev.switchboard.benchmarks.load.Sink;
import dev.switchboard.benchmarks.load.WsConn;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The fan-out publisher and receivers. Event-loop thread only. Closed loop: publish whenever fewer
 * than {@code outstanding} deliveries are in flight, which keeps the server saturated without letting
 * any queue grow without bound. Open loop: publish on a 1 ms tick at a fixed rate, stamping each message
 * with its intended send time so a stalled generator shows up as latency (no coordinated omission).
 */
final class FanOutState implements Sink {
    private final FanOutSpec spec;
    private final Protocol protocol;
    private final WsConn publisher;
    private final int perPublishSingle;
    private final boolean checkGaps;
    final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);

    long acks;
    long ackErrors;
    long published;
    long expected;
    long received;
    long gaps;
    boolean stopped;
    boolean running;
    WsConn stalled;
    long stallSeq = Long.MAX_VALUE;
    private long t0;
    private double periodNanos;
    private int nextRoom;

    FanOutState(FanOutSpec spec, Protocol protocol, WsConn publisher, List<WsConn> subscribers) {
        this.spec = spec;
        this.protocol = protocol;
        this.publisher = publisher;
        this.perPublishSingle = subscribers.size();
        this.checkGaps = spec.groupSize() == 0;
    }

    /** Rooms a subscriber joins. */
    static List<String> roomsOf(FanOutSpec spec, int index) {
        return spec.groupSize() == 0 ? List.of("room") : List.of("u" + index, "g" + index / spec.groupSize());
    }

    void start() {
        running = true;
        t0 = System.nanoTime();
        periodNanos = spec.rate() > 0 ? 1e9 / spec.rate() : 0;
        pump();
    }

    /** Closed loop: fill the window. Open loop: publish what is due. Bounded per call. */
    void pump() {
        if (!running || stopped) {
            return;
        }
        int burst = 0;
        long now = System.nanoTime();
        if (spec.rate() > 0) {
            while (burst < 5000) {
                long due = t0 + (long) (published * periodNanos);
                if (due > now) {
                    break;
                }
                publishOne(due);
                burst++;
            }
        } else {
            while (burst < 5000 && expected - received < spec.outstanding()) {
                publishOne(now);
                burst++;
            }
        }
        if (burst > 0) {
            publisher.channel().flush();
        }
    }

    private void publishOne(long stamp) {
        String room;
        int members;
        if (spec.groupSize() == 0) {
            room = "room";
            members = perPublishSingle - (stalled != null ? 1 : 0);
        } else {
            int groups = perPublishSingle / spec.groupSize();
            int k = nextRoom++;
            if ((k & 1) == 0) {
                room = "g" + (k / 2) % groups;
                members = spec.groupSize();
            } else {
                room = "u" + (k / 2) % perPublishSingle;
                members = 1;
            }
        }
        ByteBuf frame = protocol.publish(publisher.alloc(), room, published, stamp, spec.size());
        publisher.write(frame);
        published++;
        expected += members;
    }

    @Override
    public void onDelivery(WsConn conn, long seq, long nanos, ByteBuf buf, int from, int to) {
        if (conn == stalled && seq >= stallSeq) {
            return; // counted until the stall; nothing published after it is expected for this one
        }
        received++;
        long lat = System.nanoTime() - nanos;
        latency.recordValue(Math.max(0, Math.min(lat, latency.getHighestTrackableValue())));
        if (checkGaps) {
            if (conn.expectSeq >= 0 && seq > conn.expectSeq) {
                gaps += seq - conn.expectSeq;
            }
            conn.expectSeq = seq + 1;
        }
        if (spec.rate() == 0 && expected - received < spec.outstanding() / 2) {
            pump(); // refill in halves: one flush per batch of publishes, not per delivery
        }
    }

    @Override
    public void onAck(WsConn conn, long nanos, boolean error) {
        acks++;
        if (error) {
            ackErrors++;
        }
    }

    /** A copy of the window's counters. */
    record Snapshot(long published, long expected, long received, long gaps, Histogram latency) {}

    Snapshot snapshot(boolean resetLatency) {
        Snapshot s = new Snapshot(published, expected, received, gaps, latency.copy());
        if (resetLatency) {
            latency.reset();
        }
        return s;
    }
}
