package dev.switchboard.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Several bench server nodes, each with the Redis broker, sharing one {@link RedisProcess}: every
 * process is launched the same way as a single server (same pinning, same JVM flags), and every reading
 * is the sum over all of them, Redis included, so "server CPU" is what the whole deployment spent.
 */
final class RedisNodes implements ServerUnderTest {
    private final ServerKind kind;
    private final RedisProcess redis;
    private final List<ServerProcess> nodes;

    private RedisNodes(ServerKind kind, RedisProcess redis, List<ServerProcess> nodes) {
        this.kind = kind;
        this.redis = redis;
        this.nodes = nodes;
    }

    /** Redis first, then {@code kind.nodes()} servers; the first on {@code port}, the others on free ports. */
    static RedisNodes start(ServerKind kind, Env env, int port) {
        RedisProcess redis = RedisProcess.start(env);
        // In parallel: a node with the Redis broker takes seconds to start (Lettuce's first connect).
        List<CompletableFuture<ServerProcess>> starting = new ArrayList<>();
        for (int i = 0; i < kind.nodes(); i++) {
            int nodePort = i == 0 ? port : 0;
            starting.add(CompletableFuture.supplyAsync(
                    () -> ServerProcess.start(kind, env, nodePort, List.of(), List.of(redis.uri())),
                    r -> Thread.ofPlatform().daemon().name("start-node").start(r)));
        }
        List<ServerProcess> nodes = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<ServerProcess> f : starting) {
            try {
                nodes.add(f.join()); // bounded: ServerProcess.start gives up after 30 s
            } catch (CompletionException e) {
                failure = e.getCause() instanceof RuntimeException re ? re : e;
            }
        }
        if (failure != null) {
            nodes.forEach(ServerProcess::close);
            redis.close();
            throw failure;
        }
        return new RedisNodes(kind, redis, List.copyOf(nodes));
    }

    @Override
    public ServerKind kind() {
        return kind;
    }

    @Override
    public List<Integer> ports() {
        return nodes.stream().map(ServerProcess::port).toList();
    }

    @Override
    public double cpuSeconds() {
        return sum(ServerProcess::cpuSeconds) + Proc.cpuSeconds(redis.pid());
    }

    @Override
    public double rssMb() {
        return sum(ServerProcess::rssMb) + Proc.statusKb(redis.pid(), "VmRSS") / 1024.0;
    }

    /** The sum of each process's own peak (an upper bound of the deployment's peak). */
    @Override
    public double peakRssMb() {
        return sum(ServerProcess::peakRssMb) + Proc.statusKb(redis.pid(), "VmHWM") / 1024.0;
    }

    @Override
    public List<Long> pids() {
        List<Long> pids = new java.util.ArrayList<>(nodes.stream().map(ServerProcess::pid).toList());
        pids.add(redis.pid());
        return pids;
    }

    @Override
    public double heapAfterGcMb() {
        return sum(ServerProcess::heapAfterGcMb);
    }

    @Override
    public boolean isAlive() {
        return redis.isAlive() && nodes.stream().allMatch(ServerProcess::isAlive);
    }

    private double sum(java.util.function.ToDoubleFunction<ServerProcess> reading) {
        return nodes.stream().mapToDouble(reading).sum();
    }

    /** Nodes first (they exit on stdin EOF), Redis last, so no node spends its shutdown reconnecting. */
    @Override
    public void close() {
        nodes.forEach(ServerProcess::close);
        redis.close();
    }
}
