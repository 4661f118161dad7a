package dev.switchboard.server.sio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An Engine.IO long-polling client. With auto-poll it keeps one GET pending at all times (like the
 * official client); without, {@link #pollOnce()} polls by hand. A GET answered with a {@code 1}
 * packet or an error status marks the client closed.
 */
final class PollingClient extends EioClient {
    static final String PATH = "/socket.io/?EIO=4&transport=polling";

    private final ReentrantLock postLock = new ReentrantLock();
    private volatile boolean stopped;
    private volatile Http.Call pendingGet;
    private Thread poller;

    private PollingClient(int port, boolean autoPong) {
        super(port, autoPong);
    }

    static PollingClient open(int port, boolean autoPoll, boolean autoPong) {
        PollingClient client = new PollingClient(port, autoPong);
        Http.Response open = Http.get(port, PATH);
        assertThat(open.status()).as("handshake %s", open).isEqualTo(200);
        client.opened(open.text());
        if (autoPoll) {
            client.poller = Thread.ofVirtual().name("poller-" + client.sid).start(client::pollLoop);
        }
        return client;
    }

    @Override
    Kind kind() {
        return Kind.POLLING;
    }

    String target() {
        return PATH + "&sid=" + sid;
    }

    private void pollLoop() {
        while (!stopped && !isClosed()) {
            try {
                pollOnce();
            } catch (RuntimeException | AssertionError e) {
                if (!stopped) {
                    closed.complete(null);
                }
                return;
            }
        }
    }

    /** One GET: waits for its answer and queues its packets. */
    void pollOnce() {
        Http.Call call = Http.startGet(port, target());
        pendingGet = call;
        Http.Response r;
        try {
            r = call.await(java.time.Duration.ofSeconds(60));
        } finally {
            call.close();
            pendingGet = null;
        }
        if (r.status() != 200) {
            closed.complete(null);
            return;
        }
        for (String element : r.text().split("\u001e", -1)) {
            Frame frame = Frame.ofPollingElement(element);
            received(frame);
            if (!frame.isBinary() && frame.text().equals("1")) {
                closed.complete(null);
            }
        }
    }

    @Override
    void send(String packet) {
        post(packet);
    }

    @Override
    void sendBinary(byte[] data) {
        post("b" + Base64.getEncoder().encodeToString(data));
    }

    /** Sends several packets in one POST, joined by the record separator. */
    void sendAll(String... packets) {
        post(String.join("\u001e", packets));
    }

    /** POSTs a raw body and returns the response (no assertion). */
    Http.Response postRaw(String body) {
        postLock.lock();
        try {
            return Http.post(port, target(), body);
        } finally {
            postLock.unlock();
        }
    }

    private void post(String body) {
        Http.Response r = postRaw(body);
        assertThat(r.status()).as("POST %s -> %s", body, r).isEqualTo(200);
        assertThat(r.text()).isEqualTo("ok");
    }

    /** Stops polling; the pending GET is left to finish on its own. */
    void stopPolling() {
        stopped = true;
    }

    @Override
    public void close() {
        stopped = true;
        Http.Call get = pendingGet;
        if (get != null) {
            get.close();
        }
        if (poller != null) {
            poller.interrupt();
        }
    }

    static List<Frame> parsePayload(String body) {
        List<Frame> out = new ArrayList<>();
        for (String element : body.split("\u001e", -1)) {
            out.add(Frame.ofPollingElement(element));
        }
        return out;
    }
}
