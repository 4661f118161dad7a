package dev.switchboard.server;

/**
 * Receives timed server events, for histograms a counter cannot give; register with {@link
 * MetricsSource#addListener}. Called on the completing thread: be fast, never block or throw.
 */
@FunctionalInterface
public interface MetricsListener {
    /**
     * A publish call to the broker completed.
     *
     * @param nanos    time from handing the publication to the broker until the broker answered
     * @param accepted whether the broker accepted it
     */
    void publishCompleted(long nanos, boolean accepted);
}
