package dev.switchboard.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy standing in for a load balancer: each new connection goes to the first backend
 * port that accepts it, and bytes are piped both ways on virtual threads. When a backend dies its
 * connections end, and the clients' reconnects land on the next live backend.
 */
final class FailoverProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Integer> backends;
    private final List<Integer> chosen = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    FailoverProxy(List<Integer> backends) throws IOException {
        this.backends = List.copyOf(backends);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("failover-proxy").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The backend port each accepted connection went to, in order. */
    List<Integer> chosen() {
        return List.copyOf(chosen);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                open.add(client);
                Thread.ofVirtual().start(() -> connect(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void connect(Socket client) {
        for (int port : backends) {
            Socket backend = new Socket();
            try {
                backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            } catch (IOException refused) {
                closeQuietly(backend);
                continue;
            }
            open.add(backend);
            chosen.add(port);
            Thread.ofVirtual().start(() -> pipe(client, backend));
            pipe(backend, client);
            return;
        }
        closeQuietly(client);
    }

    /** Copies until either side ends, then closes both, so the other direction ends too. */
    private void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // one side went away: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        open.forEach(this::closeQuietly);
    }
}
