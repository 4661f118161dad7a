package dev.switchboard.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of {@code n} masters and no replicas on loopback, made with {@code redis-cli --cluster
 * create}. {@link #close()} kills every node, also when creation failed half-way.
 */
final class RedisCluster implements AutoCloseable {
    static final String CLI = "/usr/bin/redis-cli";
    final List<RedisServer> masters = new ArrayList<>();

    private RedisCluster() {}

    static RedisCluster start(int n) {
        RedisCluster cluster = new RedisCluster();
        try {
            for (int i = 0; i < n; i++) {
                cluster.masters.add(RedisServer.start(List.of("--cluster-enabled", "yes", "--cluster-config-file",
                        "{dir}/nodes-{port}.conf", "--cluster-node-timeout", "5000")));
            }
            List<String> create = new ArrayList<>(List.of(CLI, "--cluster", "create"));
            cluster.masters.forEach(m -> create.add("127.0.0.1:" + m.port));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            run(create);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!cluster.ready()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cluster did not become ready");
                }
                RedisServer.sleep(100);
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private boolean ready() {
        for (RedisServer master : masters) {
            String info = (String) master.call("CLUSTER", "INFO");
            if (!info.contains("cluster_state:ok") || !info.contains("cluster_known_nodes:" + masters.size())) {
                return false;
            }
        }
        return true;
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every master, as a seed list. */
    String uri() {
        return "redis://" + masters.stream().map(m -> "127.0.0.1:" + m.port).collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        masters.forEach(RedisServer::close);
    }
}
