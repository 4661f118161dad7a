package dev.switchboard.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A Socket.IO packet broadcast to a namespace's sockets on other nodes.
 *
 * @param namespace  the namespace, such as {@code /}
 * @param packetType the Socket.IO packet type (2 = EVENT; binary arguments are found by the receiver)
 * @param data       the packet data: for an event, its name followed by its arguments
 * @param rooms      the rooms addressed (all sockets when empty)
 * @param except     rooms whose sockets are left out
 * @param flags      socket.io's broadcast flags ({@code volatile}, {@code compress}, ...), passed along as is
 */
public record SioClusterBroadcast(String namespace, int packetType, List<Object> data, Set<String> rooms,
        Set<String> except, Map<String, Object> flags) {

    public SioClusterBroadcast {
        Objects.requireNonNull(namespace, "namespace");
        data = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(data)); // may hold nulls
        rooms = Set.copyOf(rooms);
        except = Set.copyOf(except);
        flags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(flags));
    }

    /** Whether recipients that cannot take the packet now are skipped rather than queued. */
    public boolean isVolatile() {
        return Boolean.TRUE.equals(flags.get("volatile"));
    }
}
