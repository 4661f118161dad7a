package dev.switchboard.protocol.sio;

import java.util.List;
import java.util.Objects;

/**
 * An encoded Socket.IO packet: {@code text} goes in one Engine.IO MESSAGE (the transport adds the
 * leading {@code 4}), then each attachment in its own binary MESSAGE, in order.
 */
public record SioEncoded(String text, List<byte[]> attachments) {
    public SioEncoded {
        Objects.requireNonNull(text, "text");
        attachments = List.copyOf(attachments);
    }

    public boolean hasAttachments() {
        return !attachments.isEmpty();
    }
}
