/**
 * The JVM servers under test, each a separate process started by the harness: Switchboard running the
 * benchmark app, and a bare Netty WebSocket server (no framework logic) that marks the practical limit.
 * Both print {@code READY <port>} when listening and answer {@code stats} on stdin with heap use after GC,
 * the same control protocol the Node peers in {@code benchmarks/node} speak.
 */
package dev.switchboard.benchmarks.servers;
