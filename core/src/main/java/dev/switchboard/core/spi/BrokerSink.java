package dev.switchboard.core.spi;

/**
 * Receives the publications a broker delivers to this node. Called by the broker's own threads, one
 * call at a time per channel (so a channel's order is kept); the sink must not block for long, as it
 * only hands the publication to the node's local fan-out.
 */
@FunctionalInterface
public interface BrokerSink {
    void deliver(Publication publication);
}
