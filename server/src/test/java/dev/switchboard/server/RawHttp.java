package dev.switchboard.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP and WebSocket by hand over a {@link Socket}: the JDK client refuses to send {@code Upgrade}
 * headers itself and hides the status of a refused upgrade, and cannot stop reading on purpose.
 */
final class RawHttp {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TIMEOUT_MILLIS = 5000;

    private RawHttp() {}

    /** Sends a WebSocket upgrade request for {@code path} and returns the response status code. */
    static int upgradeStatus(int port, String path, Map<String, String> extraHeaders) {
        try (Socket socket = open(port, 0)) {
            writeUpgrade(socket, port, path, extraHeaders);
            return readStatus(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int upgradeStatus(int port, String path) {
        return upgradeStatus(port, path, Map.of());
    }

    /** A plain {@code GET} of {@code path}; returns the status code. */
    static int getStatus(int port, String path) {
        try (Socket socket = open(port, 0)) {
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return readStatus(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a WebSocket that reads the 101 response and then never reads again, with a tiny receive
     * buffer: a client too slow for anything the server sends.
     */
    static StalledSocket openStalled(int port, String path) {
        Socket socket = null;
        try {
            socket = open(port, 4096);
            writeUpgrade(socket, port, path, Map.of());
            InputStream in = socket.getInputStream();
            int status = readStatus(in);
            if (status != 101) {
                throw new IllegalStateException("upgrade refused: " + status);
            }
            readUntilBlankLine(in);
            return new StalledSocket(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException(e);
        }
    }

    /** A client that sends masked text frames and never reads. */
    static final class StalledSocket implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;

        private StalledSocket(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        void sendText(String text) {
            try {
                out.write(frame(0x1, true, text.getBytes(StandardCharsets.UTF_8)));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            closeQuietly(socket);
        }
    }

    /** Opens a WebSocket for reading and writing frames by hand. */
    static FrameSocket openFrames(int port, String path) {
        Socket socket = null;
        try {
            socket = open(port, 0);
            writeUpgrade(socket, port, path, Map.of());
            InputStream in = socket.getInputStream();
            int status = readStatus(in);
            if (status != 101) {
                throw new IllegalStateException("upgrade refused: " + status);
            }
            readUntilBlankLine(in);
            return new FrameSocket(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException(e);
        }
    }

    /** A server frame as read from the wire. */
    record Frame(int opcode, boolean fin, byte[] payload) {
        static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame, or 1005 when it has none. */
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    /** A client that writes masked frames and reads the server's frames one by one. */
    static final class FrameSocket implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private FrameSocket(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        void sendText(String text) {
            send(Frame.TEXT, true, text.getBytes(StandardCharsets.UTF_8));
        }

        void send(int opcode, boolean fin, byte[] payload) {
            try {
                out.write(frame(opcode, fin, payload));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The next frame, or empty at end of stream; fails after 5 s of silence. */
        java.util.Optional<Frame> read() {
            try {
                int b0 = in.read();
                if (b0 == -1) {
                    return java.util.Optional.empty();
                }
                int b1 = in.readNBytes(1)[0] & 0xff;
                long len = b1 & 0x7f;
                if (len == 126) {
                    byte[] ext = in.readNBytes(2);
                    len = ((ext[0] & 0xff) << 8) | (ext[1] & 0xff);
                } else if (len == 127) {
                    byte[] ext = in.readNBytes(8);
                    len = 0;
                    for (byte x : ext) {
                        len = (len << 8) | (x & 0xff);
                    }
                }
                if ((b1 & 0x80) != 0) {
                    throw new IOException("server frames must not be masked");
                }
                byte[] payload = in.readNBytes((int) len);
                if (payload.length != len) {
                    throw new IOException("truncated frame");
                }
                return java.util.Optional.of(new Frame(b0 & 0x0f, (b0 & 0x80) != 0, payload));
            } catch (java.net.SocketException reset) {
                return java.util.Optional.empty(); // connection reset counts as the end
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            closeQuietly(socket);
        }
    }

    /** One masked client frame. */
    static byte[] frame(int opcode, boolean fin, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write((fin ? 0x80 : 0) | opcode);
        int len = payload.length;
        if (len < 126) {
            out.write(0x80 | len);
        } else if (len < 65536) {
            out.write(0x80 | 126);
            out.write(len >>> 8);
            out.write(len & 0xff);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (((long) len >>> shift) & 0xff));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        out.writeBytes(mask);
        for (int i = 0; i < len; i++) {
            out.write(payload[i] ^ mask[i & 3]);
        }
        return out.toByteArray();
    }

    private static Socket open(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer); // before connect, so the TCP window starts small
        }
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        return socket;
    }

    private static void writeUpgrade(Socket socket, int port, String path, Map<String, String> extraHeaders)
            throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "127.0.0.1:" + port);
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(nonce));
        headers.put("Sec-WebSocket-Version", "13");
        headers.putAll(extraHeaders);
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Reads {@code HTTP/1.1 <code> ...} and returns the code. */
    private static int readStatus(InputStream in) throws IOException {
        String line = readLine(in);
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + line);
        }
        return Integer.parseInt(parts[1]);
    }

    private static void readUntilBlankLine(InputStream in) throws IOException {
        while (!readLine(in).isEmpty()) {
            // skip headers
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        if (c == -1 && line.size() == 0) {
            throw new IOException("connection closed before a response line");
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
