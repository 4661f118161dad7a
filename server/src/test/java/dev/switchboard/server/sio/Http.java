package dev.switchboard.server.sio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 by hand over a {@link Socket}, one connection per request: exact status, headers and body
 * bytes, requests that stay pending (long-polling GETs) and can be aborted, and bodies sent in parts.
 */
final class Http {
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private Http() {}

    /** A response; header names in lower case. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }

    /**
     * A connection with requests in flight: its responses in order, and a way to cut it. A reader
     * thread queues every response until the connection ends.
     */
    static final class Call implements AutoCloseable {
        private final Socket socket;
        private final java.util.concurrent.LinkedBlockingQueue<Object> responses =
                new java.util.concurrent.LinkedBlockingQueue<>();

        private Call(Socket socket) {
            this.socket = socket;
        }

        /** The next response. */
        Response await() {
            return await(WAIT);
        }

        Response await(Duration timeout) {
            Object next;
            try {
                next = responses.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (next == null) {
                throw new AssertionError("no response within " + timeout);
            }
            if (next instanceof Throwable t) {
                responses.add(t); // the connection stays ended
                throw new AssertionError("connection ended", t);
            }
            return (Response) next;
        }

        boolean isDone() {
            return !responses.isEmpty();
        }

        /** Writes more of the body (for a request started with a declared, larger Content-Length). */
        void write(byte[] more) {
            try {
                socket.getOutputStream().write(more);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Cuts the connection. */
        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        private void readAll() {
            try {
                InputStream in = socket.getInputStream();
                while (true) {
                    responses.add(read(in));
                }
            } catch (Throwable t) {
                responses.add(t);
            }
        }
    }

    static Response get(int port, String target) {
        return get(port, target, Map.of());
    }

    static Response get(int port, String target, Map<String, String> headers) {
        return request(port, "GET", target, headers, null);
    }

    static Response post(int port, String target, String body) {
        return post(port, target, Map.of("Content-Type", "text/plain;charset=UTF-8"), body);
    }

    static Response post(int port, String target, Map<String, String> headers, String body) {
        return request(port, "POST", target, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static Response request(int port, String method, String target, Map<String, String> headers, byte[] body) {
        try (Call call = start(port, method, target, headers, body, body == null ? -1 : body.length)) {
            return call.await();
        }
    }

    /**
     * Starts a request and reads its response on a virtual thread. {@code declaredLength} is sent as
     * Content-Length (none when negative); with a {@code body} shorter than it, the rest can follow
     * through {@link Call#write}.
     */
    static Call start(int port, String method, String target, Map<String, String> headers, byte[] body,
            int declaredLength) {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (declaredLength >= 0) {
            head.append("Content-Length: ").append(declaredLength).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            bytes.writeBytes(body);
        }
        return startRaw(port, bytes.toByteArray());
    }

    /** Opens a connection, writes {@code raw} and reads every response on a virtual thread. */
    static Call startRaw(int port, byte[] raw) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) WAIT.toMillis());
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.getOutputStream().write(raw);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            throw new UncheckedIOException(e);
        }
        Call call = new Call(socket);
        Thread.ofVirtual().name("http-call").start(call::readAll);
        return call;
    }

    /** A GET that stays pending until the server answers it. */
    static Call startGet(int port, String target) {
        return start(port, "GET", target, Map.of(), null, -1);
    }

    /**
     * A GET known to be pending on the server when this returns: an OPTIONS request pipelined behind
     * it is answered first, which the server only does after it handled the GET.
     */
    static Call pendingGet(int port, String target) {
        Call call = startRaw(port, (getRequest(target) + "OPTIONS " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Response barrier = call.await();
        if (barrier.status() != 204) {
            throw new AssertionError("the GET was answered at once: " + barrier);
        }
        return call;
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = line(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        byte[] body;
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if (status == 101 || status == 204 || status == 304) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] b = buf.toByteArray();
                int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
                return new String(b, 0, n, StandardCharsets.ISO_8859_1);
            }
            buf.write(c);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
    }

    /** A raw GET request for {@link #pipelined}. */
    static String getRequest(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    /** A raw POST request for {@link #pipelined}. */
    static String postRequest(String target, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain;charset=UTF-8\r\n"
                + "Content-Length: " + b.length + "\r\n\r\n" + body;
    }

    /**
     * Sends several requests back to back on one connection (HTTP pipelining) and reads one response
     * per request: the server handles them in this order, so a GET can be made pending before the
     * next request deterministically. Stops early when the server closes the connection.
     */
    static java.util.List<Response> pipelined(int port, String... rawRequests) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) WAIT.toMillis());
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(String.join("", rawRequests).getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            java.util.List<Response> out = new java.util.ArrayList<>();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < rawRequests.length; i++) {
                try {
                    out.add(read(in));
                } catch (IOException closed) {
                    break;
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A WebSocket upgrade request; returns the server's answer (101 on success, body empty). */
    static Response upgrade(int port, String target) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        headers.put("Sec-WebSocket-Version", "13");
        return request(port, "GET", target, headers, null);
    }
}
