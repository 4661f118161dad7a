package dev.switchboard.core.spi;

/**
 * An optional capability of a {@link Broker}: carrying a Socket.IO namespace's adapter traffic between
 * nodes, the way socket.io's adapters do (broadcasts, requests to every node, responses). A server whose
 * broker implements it and {@link #supportsSocketIo() supports it} sends its Socket.IO broadcasts and
 * cluster requests ({@code fetchSockets}, {@code socketsJoin}, {@code serverSideEmit}, broadcasts with
 * acknowledgements...) through it; otherwise broadcasts travel as ordinary broker publications and the
 * cluster requests stay on the node.
 *
 * <p>The {@link Broker} interface is unchanged by this: a broker without the capability keeps working.
 *
 * <h2>Values</h2>
 * Message contents are trees of {@code Map<String, Object>}, {@code List<Object>}, {@code String},
 * {@code Number}, {@code Boolean}, {@code byte[]} (binary) and {@code null}, as socket.io's adapters
 * exchange them; other objects given in a broadcast's data are converted as JSON would convert them.
 *
 * <h2>Threading</h2>
 * Thread-safe. Listeners are called on the bus' I/O threads, one message at a time and in arrival
 * order per link; they must not block.
 */
public interface SioClusterBus {

    /** Whether this bus can carry Socket.IO traffic in its current configuration. */
    boolean supportsSocketIo();

    /**
     * Starts carrying the traffic of {@code namespace} (such as {@code /} or {@code /chat}): from now on
     * {@code listener} hears what other nodes and emitters send to it.
     *
     * @throws BrokerException when the bus is closed or does not {@link #supportsSocketIo() support}
     *     Socket.IO
     */
    SioClusterLink open(String namespace, SioClusterListener listener);
}
