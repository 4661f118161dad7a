package dev.switchboard.core.stream;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable snapshot of one consumer, taken when asked for; it does not follow later changes, and
 * being immutable it may be shared between threads freely. {@code backpressure} is the consumer's
 * backlog at that moment; a stream's backpressure is the largest of its consumers'.
 *
 * @param id           the consumer's id, unique within its stream or demux
 * @param backpressure items written to this consumer and not yet consumed
 * @param dropped      items discarded by the stream's {@link OverflowPolicy} (0 when unbounded)
 * @param timeout      the consumer's per-call wait limit, if it has one
 * @param streamName   the demux sub-stream (or emitter event) name; empty for a plain stream
 */
public record ConsumerStats(
        long id, int backpressure, long dropped, Optional<Duration> timeout, Optional<String> streamName) {

    /** Rejects null optionals and negative figures. */
    public ConsumerStats {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(streamName, "streamName");
        if (backpressure < 0 || dropped < 0) {
            throw new IllegalArgumentException("negative backpressure or dropped count");
        }
    }
}
