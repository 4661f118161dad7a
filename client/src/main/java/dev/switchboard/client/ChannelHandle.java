package dev.switchboard.client;

import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.ConsumableStream;
import dev.switchboard.core.stream.StreamConsumer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Package-private {@link ClientChannel}: a name and the client; all state lives in the client. */
record ChannelHandle(DefaultClient client, String name) implements ClientChannel {

    @Override
    public ChannelState state() {
        return client.channelState(name);
    }

    @Override
    public SubscribeOptions options() {
        return client.channelOptions(name);
    }

    @Override
    public boolean isSubscribed(boolean includePending) {
        return client.isSubscribed(name, includePending);
    }

    @Override
    public ClientChannel subscribe() {
        return client.subscribe(name);
    }

    @Override
    public ClientChannel subscribe(SubscribeOptions options) {
        return client.subscribe(name, options);
    }

    @Override
    public void unsubscribe() {
        client.unsubscribe(name);
    }

    @Override
    public <E extends ClientEvents.ClientEvent> ConsumableStream<E> listener(ClientEventKey<E> event) {
        return client.channelListener(name, event);
    }

    @Override
    public void transmitPublish(Object data) {
        client.transmitPublish(name, data);
    }

    @Override
    public CompletableFuture<Payload> invokePublish(Object data) {
        return client.invokePublish(name, data);
    }

    @Override
    public void close() {
        client.closeChannel(name, false);
    }

    @Override
    public void kill() {
        client.closeChannel(name, true);
    }

    @Override
    public int backpressure() {
        return client.channelBackpressure(name);
    }

    @Override
    public StreamConsumer<Payload> createConsumer() {
        return client.channelStream(name).createConsumer();
    }

    @Override
    public StreamConsumer<Payload> createConsumer(Duration timeout) {
        return client.channelStream(name).createConsumer(timeout);
    }

    @Override
    public CompletableFuture<Payload> once() {
        return client.channelStream(name).once();
    }

    @Override
    public CompletableFuture<Payload> once(Duration timeout) {
        return client.channelStream(name).once(timeout);
    }

    @Override
    public String toString() {
        return "ClientChannel[" + name + ", " + state() + "]";
    }
}
