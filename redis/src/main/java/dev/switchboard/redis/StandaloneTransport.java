package dev.switchboard.redis;

import dev.switchboard.core.spi.BrokerException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.CompletableFuture;

/**
 * One Redis server: a command connection for {@code PUBLISH} and a dedicated pub/sub connection for
 * {@code SUBSCRIBE}/{@code UNSUBSCRIBE}. Both are opened by the constructor, which fails when Redis
 * cannot be reached; later losses are repaired by Lettuce's reconnect, which also re-subscribes what
 * Redis had confirmed.
 */
final class StandaloneTransport extends LettuceTransport {
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final StatefulRedisPubSubConnection<String, byte[]> pubsub;

    StandaloneTransport(RedisBrokerOptions options, Events events) {
        super(options, events);
        RedisURI uri = RedisURI.create(options.uri());
        uri.setTimeout(options.commandTimeout());
        client = RedisClient.create(resources, uri);
        client.setOptions(configure(ClientOptions.builder()).build());
        client.addListener(new StateListener());
        try {
            commands = client.connect(CODEC);
            pubsub = client.connectPubSub(CODEC);
        } catch (RuntimeException e) {
            close();
            throw new BrokerException("redis: cannot connect to " + RedisBrokerOptions.redact(options.uri()) + ": "
                    + e.getMessage(), e);
        }
        pubsub.addListener(new PubSubListener());
    }

    @Override
    CompletableFuture<Void> publish(String redisChannel, byte[] message) {
        return adapt(() -> commands.async().publish(redisChannel, message), "publish to", redisChannel);
    }

    @Override
    CompletableFuture<Void> subscribe(String redisChannel) {
        return adapt(() -> pubsub.async().subscribe(redisChannel), "subscribe to", redisChannel);
    }

    @Override
    CompletableFuture<Void> sendUnsubscribe(String redisChannel) {
        return adapt(() -> pubsub.async().unsubscribe(redisChannel), "unsubscribe from", redisChannel);
    }

    @Override
    StatefulRedisPubSubConnection<String, byte[]> connectExtraPubSub() {
        try {
            return client.connectPubSub(CODEC);
        } catch (RuntimeException e) {
            throw new BrokerException("redis: cannot connect to " + RedisBrokerOptions.redact(options.uri()) + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    CompletableFuture<Long> numsub(String channel) {
        return adaptValue(() -> commands.async().pubsubNumsub(channel)
                .thenApply(counts -> counts.values().stream().mapToLong(Long::longValue).sum()), "pubsub numsub " + channel);
    }

    @Override
    void closeClient() {
        client.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
    }
}
