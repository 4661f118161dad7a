package dev.switchboard.server;

/**
 * Live counters of one server, for metrics exporters (such as {@code switchboard-micrometer}); get it
 * from {@link SwitchboardServer#metrics()}. The server itself depends on no metrics library.
 *
 * <p>Counters only grow from the server's creation; gauges ({@link #openConnections}, {@link
 * #channels}, {@link #publishesInFlight}) are read at the moment of the call. Every method is
 * thread-safe, cheap and never blocks, so exporters may call them on each scrape.
 *
 * <p><b>Messages.</b> A message is a WebSocket data frame of more than two bytes (so SocketCluster
 * pings, Engine.IO pings and pongs and other two-byte control packets are not counted) in either
 * protocol, or an SSE event. Engine.IO long-polling payloads are not counted yet.
 */
public interface MetricsSource {

    /** The ways a client is connected. */
    enum Transport {
        /** SocketCluster WebSockets, handshaken or not. */
        SOCKETCLUSTER,
        /** Engine.IO sessions (WebSocket or long-polling) of the Socket.IO endpoint. */
        SOCKET_IO,
        /** Server-Sent Events streams. */
        SSE
    }

    /** Connections open now over {@code transport}. */
    int openConnections(Transport transport);

    /** TCP connections accepted since start, whatever they were for (plain HTTP requests included). */
    long acceptedConnections();

    /** Channels with at least one subscriber on this node, now. */
    int channels();

    /** Messages received from clients. */
    long messagesIn();

    /** Messages sent to clients. */
    long messagesOut();

    /** Publications the broker accepted (from clients, the server, the HTTP API and Socket.IO broadcasts). */
    long publishes();

    /** Publications the broker refused or failed. */
    long publishFailures();

    /** Publications handed to the broker and not answered yet. */
    long publishesInFlight();

    /** Errors reported to {@link ServerEvents#ERROR}. */
    long errors();

    /** Warnings reported to {@link ServerEvents#WARNING}. */
    long warnings();

    /** Connections of any transport cut because they read too slowly for their outbound buffer. */
    long slowConsumerDisconnects();

    /**
     * Adds a listener of timed events. Listeners are called on the thread that completes the event
     * (a broker thread, an event loop); they must be fast and must not throw or block.
     */
    void addListener(MetricsListener listener);

    void removeListener(MetricsListener listener);
}
