package dev.switchboard.interop;

import java.util.Arrays;

/**
 * The wire protocol an interop suite speaks, i.e. which official npm client drives the fixture and
 * which Node reference server implements its contract. Named in {@code interop/node/suites.json}
 * ({@code "protocol"}; absent means {@link #SOCKETCLUSTER}).
 */
public enum InteropProtocol {

    /** socketcluster-client 20.0.2 against socketcluster-server 20.0.1, path {@code /socketcluster/}. */
    SOCKETCLUSTER("socketcluster", "reference-server.js", FixtureSettings.DEFAULTS),

    /**
     * socket.io-client 4.8.4 (Socket.IO v5 / Engine.IO v4) against socket.io 4.8.4, path
     * {@code /socket.io/}.
     */
    SOCKETIO("socketio", "sio-reference-server.js", FixtureSettings.SOCKETIO_DEFAULTS);

    private final String id;
    private final String referenceServerScript;
    private final FixtureSettings defaults;

    InteropProtocol(String id, String referenceServerScript, FixtureSettings defaults) {
        this.id = id;
        this.referenceServerScript = referenceServerScript;
        this.defaults = defaults;
    }

    /** The name used in suites.json. */
    public String id() {
        return id;
    }

    /** The Node reference server implementing this protocol's fixture contract (in the node directory). */
    public String referenceServerScript() {
        return referenceServerScript;
    }

    /** Settings of a suite that does not override them: the real server's defaults. */
    public FixtureSettings defaults() {
        return defaults;
    }

    public static InteropProtocol fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown interop protocol '" + id + "'; known: "
                        + Arrays.stream(values()).map(InteropProtocol::id).toList()));
    }
}
