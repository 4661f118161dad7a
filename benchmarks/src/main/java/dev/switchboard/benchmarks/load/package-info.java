/**
 * The load generator: one Netty client, used unchanged against every server, with a small adapter per
 * wire protocol (raw SocketCluster, raw Socket.IO v4 over Engine.IO). Frames are pre-built from byte
 * templates with an all-zero mask key, and receipt never parses JSON: a message's sequence number and
 * send time are fixed-width hex after a {@code ~} marker that the receiver finds by scanning bytes.
 * Everything per connection runs on one event-loop thread, so counters are plain fields.
 */
package dev.switchboard.benchmarks.load;
