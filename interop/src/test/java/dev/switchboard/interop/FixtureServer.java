package dev.switchboard.interop;

/**
 * A running server that implements a protocol's interop fixture contract (see {@code interop/README.md}):
 * SocketCluster -- the procedures {@code echo}, {@code fail}, {@code login}, ... on path
 * {@code /socketcluster/}; Socket.IO -- the events {@code echo}, {@code join}, {@code emitTo}, ... and
 * namespaces {@code /}, {@code /admin}, {@code /dyn-<n>}, {@code /fn-*} on path {@code /socket.io/}.
 *
 * <p>Implementations: {@link NodeReferenceFixture} (the real socketcluster-server 20.0.1 / socket.io
 * 4.8.4) and the Switchboard Java server. The Node scenarios must not be able to tell them apart.
 */
public interface FixtureServer extends AutoCloseable {

    /** Host the clients connect to; the fixture must accept connections there. */
    default String host() {
        return "127.0.0.1";
    }

    /** TCP port the fixture listens on (it must keep that port across a {@code restart}). */
    int port();

    /** Stops the fixture and releases the port; idempotent, never throws checked exceptions. */
    @Override
    void close();
}
