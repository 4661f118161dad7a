package dev.switchboard.interop;

/** Starts a fixture server for one suite; the caller closes it after the suite. */
@FunctionalInterface
public interface FixtureFactory {

    /**
     * Starts a server implementing the fixture contract with the given settings and returns once it
     * accepts WebSocket connections.
     */
    FixtureServer start(FixtureSettings settings) throws Exception;
}
