package dev.switchboard.client;

import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.ConsumableStream;
import dev.switchboard.core.stream.StreamConsumer;
import dev.switchboard.core.stream.StreamHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Package-private {@link ClientChannel}: a name and the client's subscriptions; all state lives there. */
record ChannelHandle(ChannelSubscriptions channels, String name) implements ClientChannel {

    @Override
    public ChannelState state() {
        return channels.channelState(name);
    }

    @Override
    public SubscribeOptions options() {
        return channels.channelOptions(name);
    }

    @Override
    public boolean isSubscribed(boolean includePending) {
        return channels.isSubscribed(name, includePending);
    }

    @Override
    public ClientChannel subscribe() {
        return channels.subscribe(name, SubscribeOptions.defaults());
    }

    @Override
    public ClientChannel subscribe(SubscribeOptions options) {
        return channels.subscribe(name, options);
    }

    @Override
    public void unsubscribe() {
        channels.unsubscribe(name);
    }

    @Override
    public <E extends ClientEvents.ClientEvent> ConsumableStream<E> listener(ClientEventKey<E> event) {
        return channels.streams().listener(name, event);
    }

    @Override
    public void transmitPublish(Object data) {
        channels.transmitPublish(name, data);
    }

    @Override
    public CompletableFuture<Payload> invokePublish(Object data) {
        return channels.invokePublish(name, data);
    }

    @Override
    public void close() {
        channels.streams().close(name, false);
    }

    @Override
    public void kill() {
        channels.streams().close(name, true);
    }

    @Override
    public int backpressure() {
        return channels.streams().backpressure(name);
    }

    @Override
    public StreamConsumer<Payload> createConsumer() {
        return channels.streams().stream(name).createConsumer();
    }

    @Override
    public StreamConsumer<Payload> createConsumer(Duration timeout) {
        return channels.streams().stream(name).createConsumer(timeout);
    }

    @Override
    public StreamHandler handle(java.util.function.Consumer<? super Payload> handler) {
        return channels.streams().stream(name).handle(handler);
    }

    @Override
    public CompletableFuture<Payload> once() {
        return channels.streams().stream(name).once();
    }

    @Override
    public CompletableFuture<Payload> once(Duration timeout) {
        return channels.streams().stream(name).once(timeout);
    }

    @Override
    public String toString() {
        return "ClientChannel[" + name + ", " + state() + "]";
    }
}
