package dev.switchboard.protocol.sio;

import dev.switchboard.core.Payload;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The elements of a received JSON array, each decoded only when read. Objects and arrays are held as
 * their JSON text ({@link Payload#json(String)}), so an argument that a handler passes on unread (an
 * echo, a relayed broadcast) is never turned into a tree and is written out again as the text it came
 * in; scalars are decoded already, since finding their end reads them anyway.
 *
 * <p>As a {@code List} it is the tree that {@link SioPacket} documents: {@link #get} gives maps, lists,
 * strings, numbers, booleans and {@code null} for JSON null. Unmodifiable. Thread-safe: a decode on
 * first access may run twice in a race and gives equal trees.
 */
public final class JsonValues extends AbstractList<Object> implements RandomAccess {
    private final Payload[] items;
    private final int from;

    JsonValues(Payload[] items) {
        this(items, 0);
    }

    private JsonValues(Payload[] items, int from) {
        this.items = items;
        this.from = from;
    }

    /** Element {@code index} as a payload, still as text if it has not been read. */
    public Payload payload(int index) {
        Objects.checkIndex(index, size());
        return items[from + index];
    }

    @Override
    public Object get(int index) {
        return payload(index).value().orElse(null);
    }

    @Override
    public int size() {
        return items.length - from;
    }

    /** The elements as payloads, in order, without reading them. */
    List<Payload> payloads() {
        return Arrays.asList(items).subList(from, items.length);
    }

    /** The elements from {@code start} on, sharing this list's payloads. */
    JsonValues tail(int start) {
        Objects.checkIndex(start, size() + 1);
        return new JsonValues(items, from + start);
    }
}
