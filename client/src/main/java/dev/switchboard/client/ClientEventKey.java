package dev.switchboard.client;

import java.util.Objects;

/**
 * A typed client event name, as the constants of {@link ClientEvents}: {@code listener(ClientEvents.CONNECT)}
 * is a stream of {@link ClientEvents.Connect}. Two keys are equal when their names are. Immutable and
 * thread-safe constants; the streams they name follow {@link ClientEvents}' rules (lifecycle, backpressure).
 *
 * @param <E> the event record type
 */
public final class ClientEventKey<E extends ClientEvents.ClientEvent> {
    private final String name;
    private final Class<E> type;
    private final boolean channelEvent;

    ClientEventKey(String name, Class<E> type, boolean channelEvent) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.channelEvent = channelEvent;
    }

    /** The SocketCluster event name, e.g. {@code "connect"}. */
    public String name() {
        return name;
    }

    /** The record type of the events. */
    public Class<E> type() {
        return type;
    }

    /** Whether channels emit it too ({@link ClientChannel#listener(ClientEventKey)}). */
    public boolean isChannelEvent() {
        return channelEvent;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientEventKey<?> k && k.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
