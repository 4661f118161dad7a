package dev.switchboard.core.spi;

import dev.switchboard.core.Payload;
import java.util.Objects;

/** One message published to a channel, as a broker delivers it to a node. */
public record Publication(String channel, Payload data, StreamPosition position) {
    public Publication {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(position, "position");
    }
}
