package dev.switchboard.server;

import java.util.concurrent.CompletableFuture;

/** A socket's emit with flags set ({@code timeout}, {@code volatile}, {@code compress}). */
public interface SioEmitter {
    void emit(String event, Object... args);

    CompletableFuture<EventArgs> emitWithAck(String event, Object... args);
}
