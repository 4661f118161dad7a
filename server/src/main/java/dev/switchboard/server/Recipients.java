package dev.switchboard.server;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The members of one channel or room, prepared for delivery: every member, and apart from that the
 * WebSocket channels that take the shared frame exactly as it is, grouped by event loop. With those
 * groups a publication is handed to each loop as one ready array, so the publishing thread does not
 * visit every member (at 19k members, several cold objects each) before the loop visits them again to
 * write. Immutable; its owner rebuilds it after a member joins, leaves or changes how it takes frames.
 *
 * @param <M> the member type
 */
final class Recipients<M> {
    private final M[] all;
    private final M[] others;
    private final EventLoop[] loops;
    private final WireOut[][] direct;

    private Recipients(M[] all, M[] others, EventLoop[] loops, WireOut[][] direct) {
        this.all = all;
        this.others = others;
        this.loops = loops;
        this.direct = direct;
    }

    /**
     * {@code directOut} answers, for one member, the channel that takes every shared frame as it is, or
     * empty when each delivery must go through the member (its own rules, batching, another transport).
     */
    static <M> Recipients<M> of(Collection<M> members, IntFunction<M[]> arrays, Function<M, Optional<WireOut>> directOut) {
        M[] all = members.toArray(arrays.apply(0));
        List<M> others = new ArrayList<>();
        Map<EventLoop, List<WireOut>> byLoop = new LinkedHashMap<>();
        for (M member : all) {
            directOut.apply(member).ifPresentOrElse(
                    out -> byLoop.computeIfAbsent(out.loop(), l -> new ArrayList<>()).add(out),
                    () -> others.add(member));
        }
        EventLoop[] loops = byLoop.keySet().toArray(new EventLoop[0]);
        WireOut[][] direct = new WireOut[loops.length][];
        for (int i = 0; i < loops.length; i++) {
            direct[i] = byLoop.get(loops[i]).toArray(new WireOut[0]);
        }
        return new Recipients<>(all, others.toArray(arrays.apply(0)), loops, direct);
    }

    /** Every member, for deliveries that each member must see. */
    M[] all() {
        return all;
    }

    /** The members that are not in a direct group. */
    M[] others() {
        return others;
    }

    boolean hasDirect() {
        return loops.length > 0;
    }

    /** Adds every direct group to {@code fanout}. */
    void addDirectTo(Fanout fanout) {
        for (int i = 0; i < loops.length; i++) {
            fanout.addAll(loops[i], direct[i]);
        }
    }
}
