package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.StreamConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * SocketCluster's consumer example: a client transmits {@code foo} 1..20 right after its handshake
 * while the server's per-socket handler is still busy with a slow setup. A consumer created in the
 * connection loop body, before the setup, buffers everything; a for-each loop started after the setup
 * misses what came before.
 *
 * <p>As in the JavaScript example, the loop body hands the slow part to its own (virtual) thread and
 * goes back for the next connection; the server dispatches a socket's packets once the connection loops
 * have run their body. The slow setup waits on a latch the test releases after the client finished
 * sending and the server handled it all (proved by an {@code #subscribe} reply, which comes after the
 * transmits on the same socket).
 */
class ConsumerSeedTest extends ServerTestSupport {

    @Test
    void consumerCreatedBeforeTheSlowSetupSeesEveryMessageInOrder() throws Exception {
        start();
        var setupDone = new CountDownLatch(1);
        var received = new LinkedBlockingQueue<Long>();
        StreamConsumer<ServerEvents.Connection> connections = track(server.listener(ServerEvents.CONNECTION).createConsumer());
        Thread.ofVirtual().start(() -> {
            for (ServerEvents.Connection connection : connections) {
                StreamConsumer<Payload> foo = connection.socket().receiver("foo").createConsumer(); // buffers from now on
                Thread.ofVirtual().start(() -> {
                    MessagingTest.hold(setupDone); // the slow setup
                    for (Payload data : foo) {
                        received.add(data.asLong());
                    }
                });
            }
        });

        RawSocket client = connect();
        // pipelined: the transmits go out right behind the #handshake, before its reply is back
        client.send(Wire.q("{'event':'#handshake','data':{'authToken':null},'cid':1}"));
        sendFooAndSync(client, 1, 20);
        assertThat(client.nextJson().get("rid").asLong()).isEqualTo(1);
        setupDone.countDown();

        List<Long> got = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            got.add(MessagingTest.poll(received));
        }
        assertThat(got).isEqualTo(LongStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void forEachLoopStartedAfterTheSlowSetupMissesEarlierMessages() throws Exception {
        start();
        var setupDone = new CountDownLatch(1);
        var loopStarted = new CountDownLatch(1);
        var received = new LinkedBlockingQueue<Long>();
        StreamConsumer<ServerEvents.Connection> connections = track(server.listener(ServerEvents.CONNECTION).createConsumer());
        Thread.ofVirtual().start(() -> {
            for (ServerEvents.Connection connection : connections) {
                Thread.ofVirtual().start(() -> {
                    MessagingTest.hold(setupDone); // the slow setup
                    StreamConsumer<Payload> foo = connection.socket().receiver("foo").iterator(); // what for-each does
                    loopStarted.countDown();
                    for (Payload data : foo) {
                        received.add(data.asLong());
                    }
                });
            }
        });

        RawSocket client = connect();
        client.handshake();
        sendFooAndSync(client, 1, 20);
        setupDone.countDown();
        assertThat(loopStarted.await(5, TimeUnit.SECONDS)).isTrue();
        sendFooAndSync(client, 21, 22);

        assertThat(MessagingTest.poll(received)).as("1..20 were written before the loop existed").isEqualTo(21);
        assertThat(MessagingTest.poll(received)).isEqualTo(22);
        assertThat(received).isEmpty();
    }

    @Test
    void receiverCreatedInTheConnectionLoopBodySeesPacketsBatchedWithTheHandshake() {
        start();
        var received = new LinkedBlockingQueue<Long>();
        StreamConsumer<ServerEvents.Connection> connections = track(server.listener(ServerEvents.CONNECTION).createConsumer());
        Thread.ofVirtual().start(() -> {
            for (ServerEvents.Connection connection : connections) {
                StreamConsumer<Payload> foo = connection.socket().receiver("foo").createConsumer();
                Thread.ofVirtual().start(() -> foo.forEachRemaining(data -> received.add(data.asLong())));
            }
        });
        RawSocket client = connect();
        StringBuilder frame = new StringBuilder("[{\"event\":\"#handshake\",\"data\":{},\"cid\":1}");
        for (int i = 1; i <= 5; i++) {
            frame.append(",{\"event\":\"foo\",\"data\":").append(i).append('}');
        }
        client.send(frame.append(']').toString()); // one frame: the packets are decoded together
        List<Long> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(MessagingTest.poll(received));
        }
        assertThat(got).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    /** Transmits foo from..to, then proves with an RPC reply that the server has handled them all. */
    private static void sendFooAndSync(RawSocket client, int from, int to) {
        for (int i = from; i <= to; i++) {
            client.transmit("foo", String.valueOf(i));
        }
        long cid = client.call("#subscribe", "{\"channel\":\"sync-" + to + "\"}");
        client.awaitReply(cid);
    }
}
