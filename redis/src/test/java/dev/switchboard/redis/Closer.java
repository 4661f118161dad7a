package dev.switchboard.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * What one test opened (nodes, brokers, clients), closed last-first after the test: a field annotated
 * {@code @AutoClose}, so each test class does not repeat the bookkeeping.
 */
final class Closer implements AutoCloseable {
    private final List<AutoCloseable> resources = new ArrayList<>();

    <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        List<AutoCloseable> open = new ArrayList<>(resources);
        resources.clear();
        for (AutoCloseable resource : open.reversed()) {
            resource.close();
        }
    }
}
