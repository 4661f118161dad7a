package dev.switchboard.core.spi;

import java.util.Objects;

/**
 * Where a publication sits in its channel's stream: an offset that grows by one per publication, and
 * an epoch that changes whenever the broker lost the channel's history (a restart, an eviction), so that
 * offsets from different epochs are never compared. History and recovery build on this later.
 */
public record StreamPosition(long offset, String epoch) {
    public StreamPosition {
        Objects.requireNonNull(epoch, "epoch");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
    }
}
