package dev.switchboard.server.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A JDK WebSocket that queues whole text messages and records how the connection ended. */
class WsClient implements WebSocket.Listener, AutoCloseable {
    /** How the connection ended: a close frame's code and reason, or 1006 when it was cut. */
    record Close(int code, String reason) {}

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket ws;

    void open(HttpClient http, URI uri) {
        ws = http.newWebSocketBuilder().buildAsync(uri, this).orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            if (!onMessage(text)) {
                messages.add(text);
            }
        }
        webSocket.request(1);
        return null;
    }

    /** Handles heartbeats; returns true when the message is consumed. */
    boolean onMessage(String text) {
        return false;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Close(1006, String.valueOf(error)));
    }

    void send(String text) {
        ws.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** The next message; fails after {@link HttpTestSupport#WAIT}. */
    String next() {
        try {
            String text = messages.poll(HttpTestSupport.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                throw new AssertionError("no message within " + HttpTestSupport.WAIT + (closed.isDone() ? "; closed " + closed.join() : ""));
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Close awaitClose() {
        try {
            return closed.get(HttpTestSupport.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the connection did not close within " + HttpTestSupport.WAIT);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (ws != null && !closed.isDone()) {
            ws.abort();
        }
    }
}
