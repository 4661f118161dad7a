/**
 * The Java client for SocketCluster 20 servers: Switchboard's own and the npm {@code socketcluster-server}.
 *
 * <p>Start at {@link dev.switchboard.client.SwitchboardClient} and {@link dev.switchboard.client.ClientOptions}.
 * Everything the client hands out is a stream of {@link dev.switchboard.core.stream} (a blocking
 * {@link java.lang.Iterable} meant for virtual threads): events ({@code listener}), server transmits
 * ({@code receiver}), server calls ({@code procedure}) and channel publications ({@link
 * dev.switchboard.client.ClientChannel}). Create a consumer before the thing you must not miss happens,
 * iterate it on your own thread.
 *
 * <p>Transport: the JDK's {@code java.net.http.WebSocket} on one shared {@code HttpClient} (one per TLS
 * context), with virtual threads for callbacks and one daemon timer thread for every client in the JVM.
 * Remote errors are {@link dev.switchboard.core.RemoteException}s ({@code name()} plus fields, as
 * sc-errors); the client's own failures use the same names: {@code TimeoutError}
 * ({@link dev.switchboard.client.ClientTimeoutException}), {@code BadConnectionError}
 * ({@link dev.switchboard.client.BadConnectionException}) and {@code SocketProtocolError}
 * ({@link dev.switchboard.client.SocketProtocolException}). No method accepts or returns null:
 * {@link dev.switchboard.core.Payload#none()} stands for "no data", {@link java.util.Optional} for "maybe".
 */
package dev.switchboard.client;
