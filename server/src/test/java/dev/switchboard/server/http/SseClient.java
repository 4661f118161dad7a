package dev.switchboard.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal EventSource over the JDK HTTP client: parses the stream as the WHATWG spec says (fields
 * {@code id}, {@code event}, {@code data}, {@code retry}; {@code :} comments; a blank line dispatches)
 * on a virtual thread, and hands out what it read, in order, as {@link Item}s.
 */
final class SseClient implements AutoCloseable {
    /** Something read from the stream. */
    sealed interface Item permits Event, Comment, Retry, End {}

    record Event(String id, String event, String data) implements Item {}

    record Comment(String text) implements Item {}

    record Retry(long millis) implements Item {}

    record End() implements Item {}

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        Thread.ofVirtual().name("sse-client").start(this::read);
    }

    /** Opens a stream and expects 200 with {@code text/event-stream}. */
    static SseClient open(HttpClient http, URI uri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<InputStream> res = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (res.statusCode() != 200) {
                String body = new String(res.body().readAllBytes(), StandardCharsets.UTF_8);
                throw new AssertionError("SSE answered " + res.statusCode() + ": " + body);
            }
            assertThat(res.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
            return new SseClient(res);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        items.add(new Event(id, event == null ? "message" : event, data.toString()));
                    }
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    items.add(new Comment(line.substring(1).strip()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        case "retry" -> items.add(new Retry(Long.parseLong(value)));
                        default -> { }
                    }
                }
            }
        } catch (IOException e) {
            // the stream was cut: the same as its end for the tests
        } finally {
            items.add(new End());
        }
    }

    /** The next item, whatever it is; fails after {@link HttpTestSupport#WAIT}. */
    Item next() {
        try {
            Item item = items.poll(HttpTestSupport.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                throw new AssertionError("nothing arrived on the SSE stream within " + HttpTestSupport.WAIT);
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next event, skipping comments and retry hints; fails on the end of the stream. */
    Event nextEvent() {
        while (true) {
            Item item = next();
            if (item instanceof Event e) {
                return e;
            }
            if (item instanceof End) {
                throw new AssertionError("the SSE stream ended");
            }
        }
    }

    /** Waits for the end of the stream, returning the last comment before it (or null). */
    String awaitEnd() {
        String last = null;
        while (true) {
            Item item = next();
            if (item instanceof End) {
                return last;
            }
            if (item instanceof Comment c) {
                last = c.text();
            }
        }
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
