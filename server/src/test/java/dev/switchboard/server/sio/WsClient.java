package dev.switchboard.server.sio;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A raw Engine.IO WebSocket client on the JDK {@link WebSocket}: one packet per frame, binary frames
 * as raw attachments. {@link #open} starts a session over WebSocket; {@link #probe} opens the upgrade
 * socket of an existing polling session (no open packet expected there).
 */
final class WsClient extends EioClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();

    private final ReentrantLock sendLock = new ReentrantLock();
    private volatile WebSocket ws;

    private WsClient(int port, boolean autoPong) {
        super(port, autoPong);
    }

    static URI uri(int port, String sid) {
        return URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"
                + (sid == null ? "" : "&sid=" + sid));
    }

    /** A new session over WebSocket: the first frame must be the open packet. */
    static WsClient open(int port, boolean autoPong) {
        WsClient client = connectRaw(port, null, autoPong);
        client.opened(client.nextText());
        return client;
    }

    /** The upgrade WebSocket of polling session {@code sid}. */
    static WsClient probe(int port, String sid) {
        WsClient client = connectRaw(port, sid, true);
        client.sid = sid;
        return client;
    }

    /** The HTTP status with which the server refuses a WebSocket for {@code sid}; 101 if it accepts. */
    static int refusedStatus(int port, String sid) {
        try {
            WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(uri(port, sid), new WebSocket.Listener() {})
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            ws.abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static WsClient connectRaw(int port, String sid, boolean autoPong) {
        WsClient client = new WsClient(port, autoPong);
        try {
            client.ws = HTTP.newWebSocketBuilder().buildAsync(uri(port, sid), client.new Listener())
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("WebSocket connect failed", e);
        }
        return client;
    }

    @Override
    Kind kind() {
        return Kind.WEBSOCKET;
    }

    @Override
    void send(String packet) {
        sendLock.lock();
        try {
            ws.sendText(packet, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("send failed: " + packet, e);
        } finally {
            sendLock.unlock();
        }
    }

    @Override
    void sendBinary(byte[] data) {
        sendLock.lock();
        try {
            ws.sendBinary(ByteBuffer.wrap(data), true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("send failed", e);
        } finally {
            sendLock.unlock();
        }
    }

    /** Sends {@code packet} and at once a WebSocket close frame, as a browser leaving does. */
    void sendThenClose(String packet) {
        sendLock.lock();
        try {
            ws.sendText(packet, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        } catch (Exception e) {
            throw new AssertionError("send failed: " + packet, e);
        } finally {
            sendLock.unlock();
        }
    }

    /** A WebSocket ping: invisible to Engine.IO, but a write that fails on a cut connection. */
    @Override
    void poke() {
        if (sendLock.tryLock()) {
            try {
                ws.sendPing(ByteBuffer.allocate(0));
            } catch (RuntimeException ignored) {
                // an outstanding ping, or already closed
            } finally {
                sendLock.unlock();
            }
        }
    }

    @Override
    public void close() {
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String t = text.toString();
                text.setLength(0);
                received(Frame.text(t));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                byte[] all = binary.toByteArray();
                binary.reset();
                received(Frame.binary(all));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(null);
        }
    }
}
