package dev.switchboard.server;

import dev.switchboard.core.Payload;
import java.time.Instant;

/**
 * What a Socket.IO socket connected with: the HTTP request of its connection, and the {@code auth}
 * object of its namespace CONNECT packet ({@code {}} when the client sent none).
 */
public record SioHandshake(HandshakeRequest request, Instant time, boolean secure, Payload auth) {}
