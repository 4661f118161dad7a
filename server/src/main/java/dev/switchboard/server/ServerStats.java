package dev.switchboard.server;

/**
 * A snapshot of a server's counters.
 *
 * @param clients                  sockets past their handshake
 * @param pendingClients           sockets waiting for their handshake
 * @param channels                 channels with at least one local subscriber
 * @param slowConsumerDisconnects  sockets closed with {@link CloseCodes#SLOW_CONSUMER} since start
 */
public record ServerStats(int clients, int pendingClients, int channels, long slowConsumerDisconnects) {}
