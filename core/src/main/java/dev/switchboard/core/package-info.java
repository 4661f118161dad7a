/**
 * Switchboard's public API: sockets, channels, requests, payloads and the exceptions they throw.
 *
 * <p>Nothing here exposes Netty or Jackson types; transports live in {@code switchboard-server} and
 * {@code switchboard-client}. Consumption loops are blocking {@link java.lang.Iterable}s meant to run on
 * virtual threads (see {@link dev.switchboard.core.stream}).
 */
package dev.switchboard.core;
