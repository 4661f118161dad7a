package dev.switchboard.server;

/**
 * A namespace adapter event: {@code create-room}, {@code delete-room}, {@code join-room} or {@code
 * leave-room}. {@code socketId} is empty for create and delete.
 */
public record RoomEvent(String type, String room, String socketId) {}
