package dev.switchboard.redis;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking RESP2 client for tests: one command per call on a fresh socket, so it works while
 * the broker's own connections are being tested, and every call is bounded by a 5 s socket timeout.
 */
final class Resp {
    private Resp() {}

    /** Sends one command to 127.0.0.1:{@code port}; returns String, Long, byte[]-as-String, List or null. */
    static Object call(int port, String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                command.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("redis at " + port + ": " + String.join(" ", args), e);
        }
    }

    /** A connection subscribed to a channel that never reads what arrives: a node that never answers. */
    static final class Subscriber implements AutoCloseable {
        private final Socket socket;

        private Subscriber(Socket socket) {
            this.socket = socket;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static Subscriber subscribe(int port, String channel) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            byte[] bytes = channel.getBytes(StandardCharsets.UTF_8);
            String command = "*2\r\n$9\r\nSUBSCRIBE\r\n$" + bytes.length + "\r\n" + channel + "\r\n";
            socket.getOutputStream().write(command.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new Subscriber(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw new UncheckedIOException(e);
        }
    }

    /** Whether Redis answers PING right now. */
    static boolean ping(int port) {
        try {
            return "PONG".equals(call(port, "PING"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Subscribers of a classic channel (PUBSUB NUMSUB). */
    static long numsub(int port, String channel) {
        List<?> reply = (List<?>) call(port, "PUBSUB", "NUMSUB", channel);
        return (Long) reply.get(1);
    }

    /** Subscribers of a shard channel on this node (PUBSUB SHARDNUMSUB). */
    static long shardNumsub(int port, String channel) {
        List<?> reply = (List<?>) call(port, "PUBSUB", "SHARDNUMSUB", channel);
        return (Long) reply.get(1);
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new IllegalStateException("redis error: " + line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IllegalStateException("unexpected RESP type " + type);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            sb.append((char) c);
        }
        in.read(); // \n
        return sb.toString();
    }
}
