package dev.switchboard.server;

import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.ConsumableStream;
import dev.switchboard.core.stream.WritableStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** The server's {@link Exchange}: publishes through the hub, and keeps server-side channel streams. */
final class ServerExchange implements Exchange {
    private record ServerChannel(WritableStream<Payload> stream, ChannelHub.Subscriber subscriber) {}

    private final NettyServer server;
    private final ConcurrentHashMap<String, ServerChannel> channels = new ConcurrentHashMap<>();

    ServerExchange(NettyServer server) {
        this.server = server;
    }

    @Override
    public void transmitPublish(String channel, Object data) {
        invokePublish(channel, data).whenComplete((v, error) -> {
            if (error != null) {
                server.error(Optional.empty(), error);
            }
        });
    }

    @Override
    public CompletableFuture<Void> invokePublish(String channel, Object data) {
        return server.hub().publish(channel, Payload.of(data));
    }

    @Override
    public ConsumableStream<Payload> subscribe(String channel) {
        ServerChannel entry = channels.computeIfAbsent(channel, name -> {
            WritableStream<Payload> stream = WritableStream.create();
            return new ServerChannel(stream, (publication, frames) -> stream.write(publication.data()));
        });
        server.hub().subscribe(channel, entry.subscriber()).join();
        return entry.stream();
    }

    @Override
    public void unsubscribe(String channel) {
        ServerChannel entry = channels.remove(channel);
        if (entry != null) {
            server.hub().unsubscribe(channel, entry.subscriber());
            entry.stream().close();
        }
    }

    @Override
    public boolean isSubscribed(String channel) {
        return channels.containsKey(channel);
    }

    void close() {
        for (String channel : channels.keySet()) {
            unsubscribe(channel);
        }
    }
}
