package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.Payload;
import dev.switchboard.core.RemoteException;
import dev.switchboard.core.stream.StreamConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Transmit, invoke, replies, batches, ordering and binary data (spec §2). */
class MessagingTest extends ServerTestSupport {

    @Test
    void transmitReachesTheReceiver() {
        start();
        var received = new LinkedBlockingQueue<Payload>();
        onConnection(socket -> {
            StreamConsumer<Payload> foo = socket.receiver("foo").createConsumer();
            Thread.ofVirtual().start(() -> foo.forEachRemaining(received::add));
        });
        RawSocket client = connectReady();
        client.send(Wire.q("{'event':'foo','data':{'n':1,'s':'x'}}"));
        client.send(Wire.q("{'event':'foo'}"));
        assertThat(poll(received).asMap()).isEqualTo(Map.of("n", 1, "s", "x"));
        assertThat(poll(received).isNone()).as("transmit without data").isTrue();
        client.assertNoFrame(QUIET); // transmits are never answered
    }

    @Test
    void invokeIsAnsweredWithTheRequestsData() {
        start();
        var requests = new LinkedBlockingQueue<Request>();
        onConnection(socket -> {
            StreamConsumer<Request> calls = socket.procedure("greet").createConsumer();
            Thread.ofVirtual().start(() -> {
                for (Request request : calls) {
                    requests.add(request);
                    request.end(Map.of("hello", request.data().asString()));
                }
            });
        });
        RawSocket client = connectReady();
        client.send(Wire.q("{'event':'greet','data':'bob','cid':77}"));
        Wire.assertWire(client.next(), "{'rid':77,'data':{'hello':'bob'}}");

        Request request = requests.poll();
        assertThat(request.procedure()).isEqualTo("greet");
        assertThat(request.id()).isEqualTo(77);
        assertThat(request.socket().id()).isEqualTo(client.id());
        assertThat(request.isAnswered()).isTrue();
        assertThat(catchThrowable(() -> request.end("again"))).as("a second answer throws").isNotNull();
        client.assertNoFrame(QUIET);
    }

    @Test
    void endWithoutDataRepliesWithRidOnly() {
        start();
        onConnection(socket -> {
            StreamConsumer<Request> calls = socket.procedure("done").createConsumer();
            Thread.ofVirtual().start(() -> calls.forEachRemaining(Request::end));
        });
        RawSocket client = connectReady();
        client.send(Wire.q("{'event':'done','cid':5}"));
        Wire.assertWire(client.next(), "{'rid':5}");
    }

    @Test
    void errorReplyCarriesNameMessageAndFieldsButNoStack() {
        start();
        onConnection(socket -> {
            StreamConsumer<Request> calls = socket.procedure("fail").createConsumer();
            Thread.ofVirtual().start(() -> {
                for (Request request : calls) {
                    if (request.data().asString().equals("custom")) {
                        request.error(RemoteException.of("BadCustomError", "msg").with("code", 42));
                    } else {
                        request.error(new IllegalStateException("plain java error"));
                    }
                }
            });
        });
        RawSocket client = connectReady();
        client.send(Wire.q("{'event':'fail','data':'custom','cid':2}"));
        Wire.assertWire(client.next(), "{'rid':2,'error':{'message':'msg','name':'BadCustomError','code':42}}");
        client.send(Wire.q("{'event':'fail','data':'java','cid':3}"));
        Wire.assertWire(client.next(),
                "{'rid':3,'error':{'message':'plain java error','name':'IllegalStateException'}}");
    }

    @Test
    void invokeWithoutProcedureConsumerIsNeverAnswered() {
        start();
        serveEcho();
        RawSocket client = connectReady();
        client.send(Wire.q("{'event':'nobody','data':1,'cid':10}"));
        client.assertNoFrame(QUIET);
        assertEchoes(client); // the socket is fine, the call was just dropped
        client.assertNoFrame(QUIET);
    }

    @Test
    void batchIsProcessedInOrder() {
        start();
        var received = new LinkedBlockingQueue<Payload>();
        onConnection(socket -> {
            echo(socket);
            StreamConsumer<Payload> foo = socket.receiver("foo").createConsumer();
            Thread.ofVirtual().start(() -> foo.forEachRemaining(received::add));
        });
        RawSocket client = connectReady();
        client.send(Wire.q("[{'event':'foo','data':1},{'event':'foo','data':2},"
                + "{'event':'echo','data':'mid','cid':50},{'event':'foo','data':3},{'event':'echo','data':'end','cid':51}]"));
        Wire.assertWire(client.next(), "{'rid':50,'data':'mid'}");
        Wire.assertWire(client.next(), "{'rid':51,'data':'end'}");
        assertThat(List.of(poll(received), poll(received), poll(received)))
                .extracting(Payload::asLong).containsExactly(1L, 2L, 3L);
    }

    @Test
    void handshakeAndSubscribeInOneBatch() {
        start();
        RawSocket client = connect();
        client.send(Wire.q("[{'event':'#handshake','data':{'authToken':null},'cid':1},"
                + "{'event':'#subscribe','data':{'channel':'early'},'cid':2}]"));
        JsonNode handshake = client.nextJson();
        assertThat(handshake.get("rid").asLong()).isEqualTo(1);
        assertThat(handshake.at("/data/id").asString()).isNotBlank();
        Wire.assertWire(client.next(), "{'rid':2}");
    }

    @Test
    void oneSocketsMessagesStayInOrderBehindASlowConsumer() throws Exception {
        start();
        var release = new CountDownLatch(1);
        var received = new LinkedBlockingQueue<Long>();
        var firstTaken = new CountDownLatch(1);
        onConnection(socket -> {
            StreamConsumer<Payload> foo = socket.receiver("foo").createConsumer();
            Thread.ofVirtual().start(() -> {
                for (Payload p : foo) {
                    if (received.isEmpty() && firstTaken.getCount() == 1) {
                        firstTaken.countDown();
                        hold(release);
                    }
                    received.add(p.asLong());
                }
            });
        });
        RawSocket client = connectReady();
        for (int i = 1; i <= 200; i++) {
            client.send("{\"event\":\"foo\",\"data\":" + i + "}");
        }
        assertThat(firstTaken.await(5, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        await().atMost(WAIT).until(() -> received.size() == 200);
        assertThat(new ArrayList<>(received)).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 200).boxed().toList());
    }

    @Test
    void aSlowMiddlewareHoldsItsOwnSocketsLaterPacketsInOrder() throws Exception {
        start();
        var release = new CountDownLatch(1);
        var blocked = new CountDownLatch(1);
        var received = new LinkedBlockingQueue<Long>();
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            if (action.type() == ActionType.TRANSMIT && action.data().asLong() == 1) {
                blocked.countDown();
                hold(release);
            }
            action.allow();
        });
        onConnection(socket -> {
            StreamConsumer<Payload> foo = socket.receiver("foo").createConsumer();
            Thread.ofVirtual().start(() -> foo.forEachRemaining(p -> received.add(p.asLong())));
        });
        RawSocket client = connectReady();
        for (int i = 1; i <= 50; i++) {
            client.send("{\"event\":\"foo\",\"data\":" + i + "}");
        }
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(received).as("nothing overtakes the blocked packet").isEmpty();
        release.countDown();
        await().atMost(WAIT).until(() -> received.size() == 50);
        assertThat(new ArrayList<>(received)).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
    }

    @Test
    void aSlowProcedureOnOneSocketDoesNotDelayAnother() throws Exception {
        start();
        var release = new CountDownLatch(1);
        var blockedCalls = new CountDownLatch(1);
        onConnection(socket -> {
            echo(socket);
            StreamConsumer<Request> slow = socket.procedure("slow").createConsumer();
            Thread.ofVirtual().start(() -> {
                for (Request r : slow) {
                    blockedCalls.countDown();
                    hold(release);
                    r.end("finally");
                }
            });
        });
        RawSocket a = connectReady();
        RawSocket b = connectReady();
        long slowCid = a.call("slow", "null");
        assertThat(blockedCalls.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            assertEchoes(b);
        }
        assertEchoes(a); // A's own later calls are not held by its slow procedure either
        release.countDown();
        Wire.assertWire(a.awaitReply(slowCid).toString(), "{'rid':" + slowCid + ",'data':'finally'}");
    }

    @Test
    void aBlockedMiddlewareOnOneSocketDoesNotDelayAnother() throws Exception {
        start();
        var release = new CountDownLatch(1);
        var blocked = new CountDownLatch(1);
        server.setMiddleware(MiddlewareType.INBOUND, action -> {
            if (action.event().filter("stall"::equals).isPresent()) {
                blocked.countDown();
                hold(release);
            }
            action.allow();
        });
        serveEcho();
        RawSocket a = connectReady();
        RawSocket b = connectReady();
        a.transmit("stall", "null");
        long cid = a.call("echo", "'after'".replace('\'', '"'));
        assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
        assertEchoes(b);
        a.assertNoFrame(QUIET); // A's inbound processing waits for its middleware
        release.countDown();
        Wire.assertWire(a.next(), "{'rid':" + cid + ",'data':'after'}");
    }

    @Test
    void serverInvokeGetsTheClientsReply() {
        start();
        RawSocket client = connect();
        client.handshake();
        ServerSocket socket = serverSocket(client);
        CompletableFuture<Payload> result = socket.invoke("hello", Map.of("a", 1));
        JsonNode call = client.nextJson();
        long cid = call.get("cid").asLong();
        assertThat(call).isEqualTo(Wire.json("{'event':'hello','data':{'a':1},'cid':" + cid + "}"));
        client.send("{\"rid\":" + cid + ",\"data\":\"hi there\"}");
        assertThat(result.orTimeout(5, TimeUnit.SECONDS).join().asString()).isEqualTo("hi there");
    }

    @Test
    void serverInvokeFailsWithTheClientsError() {
        start();
        RawSocket client = connect();
        client.handshake();
        CompletableFuture<Payload> result = serverSocket(client).invoke("hello", "x");
        long cid = client.nextJson().get("cid").asLong();
        client.send(Wire.q("{'rid':" + cid + ",'error':{'name':'NopeError','message':'nope','extra':7}}"));
        Throwable error = catchThrowable(() -> result.orTimeout(5, TimeUnit.SECONDS).join());
        assertThat(error).isInstanceOf(CompletionException.class).cause().isInstanceOf(RemoteException.class);
        RemoteException remote = (RemoteException) error.getCause();
        assertThat(remote.name()).isEqualTo("NopeError");
        assertThat(remote.getMessage()).isEqualTo("nope");
        assertThat(remote.fields()).containsEntry("extra", 7);
    }

    @Test
    void serverInvokeTimesOutWithTimeoutError() {
        start(b -> b.ackTimeout(Duration.ofMillis(200)));
        RawSocket client = connect();
        client.handshake();
        CompletableFuture<Payload> viaDefault = serverSocket(client).invoke("ignored", 1);
        CompletableFuture<Payload> explicit = serverSocket(client).invoke("ignored", 2, Duration.ofMillis(100));
        for (CompletableFuture<Payload> f : List.of(viaDefault, explicit)) {
            Throwable error = catchThrowable(() -> f.orTimeout(5, TimeUnit.SECONDS).join());
            assertThat(error.getCause()).isInstanceOf(RemoteException.class);
            assertThat(((RemoteException) error.getCause()).name()).isEqualTo("TimeoutError");
        }
        // a late reply is ignored, and the socket stays usable
        client.send("{\"rid\":1,\"data\":\"late\"}");
        CompletableFuture<Payload> next = serverSocket(client).invoke("again", 3);
        JsonNode call = client.awaitJson(n -> Wire.isEvent(n, "again"));
        client.send("{\"rid\":" + call.get("cid").asLong() + ",\"data\":\"ok\"}");
        assertThat(next.orTimeout(5, TimeUnit.SECONDS).join().asString()).isEqualTo("ok");
    }

    @Test
    void pendingServerInvokesFailWithBadConnectionErrorOnDisconnect() {
        start();
        RawSocket client = connect();
        client.handshake();
        ServerSocket socket = serverSocket(client);
        CompletableFuture<Payload> pending = socket.invoke("never", 1);
        client.nextJson();
        client.sendClose(4321, "client leaves");
        Throwable error = catchThrowable(() -> pending.orTimeout(5, TimeUnit.SECONDS).join());
        assertThat(error.getCause()).isInstanceOf(RemoteException.class);
        RemoteException remote = (RemoteException) error.getCause();
        assertThat(remote.name()).isEqualTo("BadConnectionError");
        assertThat(remote.fields()).containsEntry("type", "disconnect").containsEntry("code", 4321);

        Throwable afterClose = catchThrowable(() -> socket.invoke("late", 1).orTimeout(5, TimeUnit.SECONDS).join());
        assertThat(((RemoteException) afterClose.getCause()).name()).isEqualTo("BadConnectionError");
    }

    @Test
    void serverTransmitHasTheExactShape() {
        start();
        RawSocket client = connect();
        client.handshake();
        serverSocket(client).transmit("news", "x");
        serverSocket(client).transmit("obj", Map.of("k", List.of(1, 2)));
        serverSocket(client).transmit("empty", Payload.none());
        Wire.assertWire(client.next(), "{'event':'news','data':'x'}");
        Wire.assertWire(client.next(), "{'event':'obj','data':{'k':[1,2]}}");
        Wire.assertWire(client.next(), "{'event':'empty'}");
    }

    @Test
    void serverBytesArriveAsBase64Objects() {
        start();
        RawSocket client = connect();
        client.handshake();
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
        serverSocket(client).transmit("bin", bytes);
        serverSocket(client).transmit("nested", Map.of("file", new byte[] {0, 1, (byte) 255}));
        Wire.assertWire(client.next(), "{'event':'bin','data':{'base64':true,'data':'aGVsbG8='}}");
        Wire.assertWire(client.next(), "{'event':'nested','data':{'file':{'base64':true,'data':'"
                + Base64.getEncoder().encodeToString(new byte[] {0, 1, (byte) 255}) + "'}}}");
    }

    @Test
    void binaryFramesFromTheClientAreReadAsText() {
        start();
        serveEcho();
        RawSocket client = connect();
        client.sendBinary(Wire.q("{'event':'#handshake','data':{'authToken':null},'cid':1}").getBytes(StandardCharsets.UTF_8));
        JsonNode reply = client.nextJson();
        assertThat(reply.get("rid").asLong()).isEqualTo(1);
        String id = reply.at("/data/id").asString();
        await().atMost(WAIT).until(() -> ready.contains(id));
        client.sendBinary(Wire.q("{'event':'echo','data':'bin','cid':2}").getBytes(StandardCharsets.UTF_8));
        Wire.assertWire(client.next(), "{'rid':2,'data':'bin'}");
    }

    static <T> T poll(LinkedBlockingQueue<T> queue) {
        try {
            T item = queue.poll(5, TimeUnit.SECONDS);
            assertThat(item).as("item within 5 s").isNotNull();
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits for {@code latch}, at most 10 s. Never throws: it also runs on background threads, where an
     * exception would outlive the test; the test's own assertions notice a latch that was not released.
     */
    static void hold(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
