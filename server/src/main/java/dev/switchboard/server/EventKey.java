package dev.switchboard.server;

import java.util.Objects;

/**
 * A typed name for a listener stream: {@code server.listener(ServerEvents.CONNECTION)} yields {@link
 * ServerEvents.Connection} records.
 *
 * @param <E> the event type the stream yields
 */
public record EventKey<E>(String name) {
    public EventKey {
        Objects.requireNonNull(name, "name");
    }

    public static <E> EventKey<E> of(String name) {
        return new EventKey<>(name);
    }
}
