package dev.switchboard.client;

import dev.switchboard.client.ClientEvents.ClientEvent;
import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.ConsumableStream;
import dev.switchboard.core.stream.StreamDemux;

/**
 * Package-internal: the streams of the client's channels: publications by channel name, and channel
 * events under {@code <channel>/<event>}. Streams outlive subscriptions: a channel's consumers keep
 * receiving after a resubscribe until closed or killed.
 */
final class ChannelStreams {
    private final StreamDemux<Payload> channelData = StreamDemux.create();
    private final StreamDemux<ClientEvent> channelEvents = StreamDemux.create();

    ConsumableStream<Payload> stream(String channel) {
        return channelData.stream(channel);
    }

    @SuppressWarnings("unchecked")
    <E extends ClientEvent> ConsumableStream<E> listener(String channel, ClientEventKey<E> event) {
        if (!event.isChannelEvent()) {
            throw new IllegalArgumentException("channels do not emit " + event.name() + " events");
        }
        return (ConsumableStream<E>) (ConsumableStream<?>) channelEvents.stream(channel + "/" + event.name());
    }

    void writeData(String channel, Payload data) {
        channelData.write(channel, data);
    }

    <E extends ClientEvent> void writeEvent(String channel, ClientEventKey<E> key, E event) {
        channelEvents.write(channel + "/" + key.name(), event);
    }

    void close(String channel, boolean kill) {
        if (kill) {
            channelData.kill(channel);
        } else {
            channelData.close(channel);
        }
        for (ClientEventKey<?> key : ClientEvents.ALL) {
            if (key.isChannelEvent()) {
                if (kill) {
                    channelEvents.kill(channel + "/" + key.name());
                } else {
                    channelEvents.close(channel + "/" + key.name());
                }
            }
        }
    }

    int backpressure(String channel) {
        return channelData.backpressure(channel);
    }

    int backpressureAll() {
        return Math.max(channelData.backpressureAll(), channelEvents.backpressureAll());
    }

    void closeAll() {
        channelData.closeAll();
        channelEvents.closeAll();
    }
}
