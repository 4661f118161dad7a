package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.SwitchboardException;
import dev.switchboard.protocol.sio.JsonValues;
import java.util.List;

/**
 * The arguments of a Socket.IO event or acknowledgement, in order. Values are JSON trees (maps, lists,
 * strings, numbers, booleans; JSON null is a null element) and {@code byte[]} for binary arguments.
 *
 * <p>Received arguments are parsed when first read: {@link #get(int)} gives a payload still holding the
 * text the client sent, so a handler that passes an argument on ({@code ack.send(args.get(0))}, a
 * broadcast) sends that text without building and encoding a tree; {@link #values()} gives the trees.
 */
public record EventArgs(List<Object> values) {
    public EventArgs {
        if (!(values instanceof JsonValues)) { // received arguments: already unmodifiable
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }
    }

    public static EventArgs of(Object... values) {
        return new EventArgs(java.util.Arrays.asList(values));
    }

    public int size() {
        return values.size();
    }

    /** Argument {@code i} as a payload; JSON null and a missing argument give {@link Payload#nullValue()} / {@link Payload#none()}. */
    public Payload get(int i) {
        if (i >= values.size()) {
            return Payload.none();
        }
        if (values instanceof JsonValues received) {
            return received.payload(i);
        }
        Object v = values.get(i);
        return v == null ? Payload.nullValue() : Payload.of(v);
    }

    /** Argument {@code i} converted to {@code type}. */
    public <T> T get(int i, Class<T> type) {
        return get(i).as(type);
    }

    /** Binary argument {@code i}. */
    public byte[] bytes(int i) {
        if (i < values.size() && values.get(i) instanceof byte[] b) {
            return b.clone();
        }
        throw new SwitchboardException("argument " + i + " is not binary");
    }
}
