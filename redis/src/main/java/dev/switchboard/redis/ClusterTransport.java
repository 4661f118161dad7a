package dev.switchboard.redis;

import dev.switchboard.core.spi.BrokerException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.RedisClusterURIUtil;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Redis Cluster. Classic mode publishes with {@code PUBLISH} (routed to any master, broadcast over the
 * cluster bus) and subscribes on the cluster pub/sub connection's own node. Sharded mode routes {@code
 * SPUBLISH} and {@code SSUBSCRIBE} by the channel's hash slot: Lettuce keeps one command connection and
 * one pub/sub connection per master and hands every node's messages to our listener.
 *
 * <p>The connections to every master are opened up front, so the first commands for a slot are written
 * in call order rather than whenever their connection happens to complete. Topology is refreshed every
 * 30 s and on redirects. Lettuce re-subscribes a node connection's shard channels with one {@code
 * SSUBSCRIBE}, which Redis refuses when they span several slots (CROSSSLOT); {@link RedisBroker} therefore
 * restores subscriptions itself, one channel per command, after every reconnect.
 */
final class ClusterTransport extends LettuceTransport {
    private static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(30);

    private final boolean sharded;
    private final RedisClusterClient client;
    private final StatefulRedisClusterConnection<String, byte[]> commands;
    private final StatefulRedisClusterPubSubConnection<String, byte[]> pubsub;

    // enableAllAdaptiveRefreshTriggers: the default (and deprecated) in Lettuce 7, needed on 6.8.
    @SuppressWarnings("deprecation")
    ClusterTransport(RedisBrokerOptions options, Events events) {
        super(options, events);
        this.sharded = options.mode() == RedisBrokerOptions.Mode.SHARDED;
        List<RedisURI> seeds = RedisClusterURIUtil.toRedisURIs(URI.create(options.uri()));
        seeds.forEach(seed -> seed.setTimeout(options.commandTimeout()));
        client = RedisClusterClient.create(resources, seeds);
        ClusterTopologyRefreshOptions topology = ClusterTopologyRefreshOptions.builder()
                .enablePeriodicRefresh(TOPOLOGY_REFRESH).enableAllAdaptiveRefreshTriggers().build();
        client.setOptions(configure(ClusterClientOptions.builder()).topologyRefreshOptions(topology).build());
        client.addListener(new StateListener());
        try {
            commands = client.connect(CODEC);
            pubsub = client.connectPubSub(CODEC);
            pubsub.addListener(new PubSubListener());
            connectMasters();
        } catch (RuntimeException e) {
            close();
            throw new BrokerException("redis: cannot connect to cluster " + RedisBrokerOptions.redact(options.uri())
                    + ": " + e.getMessage(), e);
        }
    }

    /** Opens both connections to every master now: with commands rejected while a connection is pending,
     * the first command for a slot would otherwise fail. */
    private void connectMasters() {
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (RedisClusterNode node : client.getPartitions()) {
            if (node.getRole().isUpstream()) {
                String host = node.getUri().getHost();
                int port = node.getUri().getPort();
                pending.add(commands.getConnectionAsync(host, port));
                pending.add(pubsub.getConnectionAsync(host, port));
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .orTimeout(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    CompletableFuture<Void> publish(String redisChannel, byte[] message) {
        return sharded ? adapt(() -> commands.async().spublish(redisChannel, message), "spublish to", redisChannel)
                : adapt(() -> commands.async().publish(redisChannel, message), "publish to", redisChannel);
    }

    @Override
    CompletableFuture<Void> subscribe(String redisChannel) {
        return sharded ? adapt(() -> pubsub.async().ssubscribe(redisChannel), "ssubscribe to", redisChannel)
                : adapt(() -> pubsub.async().subscribe(redisChannel), "subscribe to", redisChannel);
    }

    @Override
    CompletableFuture<Void> sendUnsubscribe(String redisChannel) {
        return sharded ? adapt(() -> pubsub.async().sunsubscribe(redisChannel), "sunsubscribe from", redisChannel)
                : adapt(() -> pubsub.async().unsubscribe(redisChannel), "unsubscribe from", redisChannel);
    }

    @Override
    void closeClient() {
        // Closing the cluster connections (and so their node connections) before the client spares its
        // shutdown from closing node connections a second time, which Lettuce logs as a warning.
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        if (pubsub != null) {
            closing.add(pubsub.closeAsync());
        }
        if (commands != null) {
            closing.add(commands.closeAsync());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the client's shutdown below closes whatever is left
        }
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
