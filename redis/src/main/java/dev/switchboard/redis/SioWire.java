package dev.switchboard.redis;

import dev.switchboard.core.internal.Json;
import dev.switchboard.core.spi.SioClusterBroadcast;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * socket.io's Redis adapter wire format ({@code @socket.io/redis-adapter} 8, {@code
 * @socket.io/redis-emitter} 5), for one key (channel prefix, {@code socket.io} by default).
 *
 * <ul>
 *   <li>Broadcasts: MessagePack {@code [uid, {type, data, nsp}, {rooms, except, flags}]} on {@code
 *       <key>#<nsp>#}, or {@code <key>#<nsp>#<room>#} when exactly one room is addressed. Nodes
 *       pattern-subscribe {@code <key>#<nsp>#*}.</li>
 *   <li>Requests: {@code {uid, requestId?, type, ...}} on {@code <key>-request#<nsp>#}; responses on
 *       {@code <key>-response#<nsp>#}. JSON text, or MessagePack for broadcasts with acknowledgements
 *       and for anything carrying binary; a receiver tells them apart by the first byte ({@code '{'}).</li>
 * </ul>
 */
final class SioWire {
    static final int BROADCAST = 7;
    static final int BROADCAST_CLIENT_COUNT = 8;
    static final int BROADCAST_ACK = 9;

    final String key;

    SioWire(String key) {
        this.key = key;
    }

    String broadcastChannel(String namespace) {
        return key + "#" + namespace + "#";
    }

    String broadcastPattern(String namespace) {
        return broadcastChannel(namespace) + "*";
    }

    /** The channel a broadcast travels on: the namespace's, or a single room's. */
    String broadcastChannel(String namespace, java.util.Set<String> rooms) {
        return rooms.size() == 1 ? broadcastChannel(namespace) + rooms.iterator().next() + "#" : broadcastChannel(namespace);
    }

    String requestChannel(String namespace) {
        return key + "-request#" + namespace + "#";
    }

    String responseChannel(String namespace) {
        return key + "-response#" + namespace + "#";
    }

    byte[] encodeBroadcast(String uid, SioClusterBroadcast broadcast) {
        Map<String, Object> packet = new LinkedHashMap<>();
        packet.put("type", broadcast.packetType());
        packet.put("data", broadcast.data());
        packet.put("nsp", broadcast.namespace());
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("rooms", List.copyOf(broadcast.rooms()));
        opts.put("except", List.copyOf(broadcast.except()));
        opts.put("flags", broadcast.flags());
        return MsgPack.encode(List.of(uid, packet, opts));
    }

    /** A broadcast message as a sender and its broadcast, or empty when it is not one. */
    static Optional<Received> decodeBroadcast(byte[] message) {
        if (!(MsgPack.decode(message) instanceof List<?> parts) || parts.size() < 3
                || !(parts.get(1) instanceof Map<?, ?> packet) || !(parts.get(2) instanceof Map<?, ?> opts)) {
            return Optional.empty();
        }
        Object nsp = packet.get("nsp");
        Object type = packet.get("type");
        List<Object> data = packet.get("data") instanceof List<?> d ? new ArrayList<>(d) : List.of();
        Map<String, Object> flags = new LinkedHashMap<>();
        if (opts.get("flags") instanceof Map<?, ?> f) {
            f.forEach((k, v) -> flags.put(String.valueOf(k), v));
        }
        SioClusterBroadcast broadcast = new SioClusterBroadcast(nsp == null ? "/" : String.valueOf(nsp),
                type instanceof Number n ? n.intValue() : 2, data, rooms(opts.get("rooms")), rooms(opts.get("except")),
                flags);
        return Optional.of(new Received(String.valueOf(parts.get(0)), broadcast));
    }

    record Received(String uid, SioClusterBroadcast broadcast) {}

    private static java.util.Set<String> rooms(Object value) {
        java.util.Set<String> out = new LinkedHashSet<>();
        if (value instanceof List<?> list) {
            for (Object room : list) {
                if (room != null) {
                    out.add(room instanceof Number n && n.doubleValue() == n.longValue() ? String.valueOf(n.longValue())
                            : String.valueOf(room));
                }
            }
        }
        return out;
    }

    /** A request or response: MessagePack for acknowledged broadcasts and for binary content, else JSON. */
    static byte[] encodeMessage(Map<String, Object> message) {
        Object type = message.get("type");
        boolean msgpack = type instanceof Number n && n.intValue() >= BROADCAST && n.intValue() <= BROADCAST_ACK
                && message.containsKey("requestId");
        if (msgpack || MsgPack.hasBinary(message)) {
            return MsgPack.encode(message);
        }
        return Json.encode(message).getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> decodeMessage(byte[] message) {
        if (message.length == 0) {
            return Optional.empty();
        }
        Object decoded = message[0] == '{' ? Json.decode(new String(message, StandardCharsets.UTF_8))
                : MsgPack.decode(message);
        return decoded instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) map) : Optional.empty();
    }
}
