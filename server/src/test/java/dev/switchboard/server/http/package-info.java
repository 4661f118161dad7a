/**
 * Black-box tests of the server's plain-HTTP side (Server-Sent Events, the publish API, probes,
 * routes, metrics counters and graceful shutdown), through the public API only, with the JDK HTTP
 * and WebSocket clients.
 */
package dev.switchboard.server.http;
