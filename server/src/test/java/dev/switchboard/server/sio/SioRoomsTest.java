package dev.switchboard.server.sio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.switchboard.server.sio.SioTestSupport.waitAtMost;

import dev.switchboard.core.stream.StreamConsumer;
import dev.switchboard.server.AckTimeoutException;
import dev.switchboard.server.EventArgs;
import dev.switchboard.server.RoomEvent;
import dev.switchboard.server.RemoteSocket;
import dev.switchboard.server.SioSocket;
import dev.switchboard.server.sio.EioClient.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Rooms, broadcast operators and the cluster-style utilities, with raw clients on mixed transports
 * (a and c over WebSocket, b and d over polling) and exact who-receives-what.
 */
class SioRoomsTest extends SioTestSupport {
    private static final String BARRIER = "42[\"barrier\"]";
    private static final Pattern EVENT_WITH_ACK = Pattern.compile("42(\\d+)\\[\"q\",1]");

    private EioClient a;
    private EioClient b;
    private EioClient c;
    private EioClient d;

    /** Four clients; a in r1, b in r1 and r2, c in r2, d in none. */
    private void fourClients() {
        a = connected(Kind.WEBSOCKET);
        b = connected(Kind.POLLING);
        c = connected(Kind.WEBSOCKET);
        d = connected(Kind.POLLING);
        socket(a).join("r1");
        socket(b).join("r1", "r2");
        socket(c).join("r2");
        socket(d);
    }

    /** What {@code client} received before the barrier broadcast, which must be sent last. */
    private static List<String> untilBarrier(EioClient client) {
        List<String> got = new ArrayList<>();
        while (true) {
            String text = client.nextText();
            if (text.equals(BARRIER)) {
                return got;
            }
            got.add(text);
        }
    }

    private static String ev(String name) {
        return "42[\"" + name + "\"]";
    }

    private static List<String> evs(String... names) {
        return java.util.Arrays.stream(names).map(SioRoomsTest::ev).toList();
    }

    private static Set<String> ids(CompletableFuture<List<RemoteSocket>> sockets) {
        return sockets.join().stream().map(RemoteSocket::id).collect(Collectors.toSet());
    }

    @Test
    void anOutgoingListenerAddedAfterARoomBroadcastSeesTheNextOnes() {
        start();
        EioClient ws = connected(Kind.WEBSOCKET);
        SioSocket socket = socket(ws);
        socket.join("r");
        io.to("r").emit("first"); // the room now has its members prepared for delivery
        assertThat(ws.nextText()).isEqualTo(ev("first"));
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        socket.onAnyOutgoing((event, args, ack) -> seen.add(event));
        io.to("r").emit("second");
        assertThat(ws.nextText()).isEqualTo(ev("second"));
        waitAtMost(WAIT).until(() -> seen.equals(List.of("second")));
    }

    @Test
    void anOutgoingListenerAddedAfterABroadcastToEveryoneSeesTheNextOnes() {
        start();
        EioClient ws = connected(Kind.WEBSOCKET);
        SioSocket socket = socket(ws);
        io.emit("first"); // the namespace now has its sockets prepared for delivery
        assertThat(ws.nextText()).isEqualTo(ev("first"));
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        socket.onAnyOutgoing((event, args, ack) -> seen.add(event));
        io.emit("second");
        assertThat(ws.nextText()).isEqualTo(ev("second"));
        waitAtMost(WAIT).until(() -> seen.equals(List.of("second")));
    }

    /** As socket.io walks its sockets map: in the order the sockets connected, whatever their ids. */
    @Test
    void aBroadcastToEveryoneVisitsTheSocketsInConnectionOrder() {
        start();
        List<String> connectedOrder = new ArrayList<>();
        List<String> visited = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<EioClient> clients = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            EioClient client = connected(Kind.WEBSOCKET);
            clients.add(client);
            connectedOrder.add(client.id());
            SioSocket socket = socket(client);
            socket.onAnyOutgoing((event, args, ack) -> visited.add(socket.id()));
        }
        clients.get(3).close();
        waitAtMost(WAIT).until(() -> io.of("/").sockets().size() == 11);
        connectedOrder.remove(3);
        EioClient late = connected(Kind.WEBSOCKET);
        SioSocket lateSocket = socket(late);
        lateSocket.onAnyOutgoing((event, args, ack) -> visited.add(lateSocket.id()));
        connectedOrder.add(late.id());

        io.emit("x");
        waitAtMost(WAIT).until(() -> visited.size() >= 12);
        assertThat(visited).containsExactlyElementsOf(connectedOrder);
    }

    @Test
    void broadcastOperatorsReachExactlyTheSelectedSockets() {
        start();
        io.of("/admin");
        fourClients();
        io.emit("all");
        io.to("r1").emit("r1");
        io.to("r1", "r2").emit("r1r2");
        io.in("r1").to("r2").emit("chain");
        io.to(List.of("r2", "r1", "r2")).emit("list");
        io.except("r2").emit("notR2");
        io.to("r1").except("r2").emit("r1NotR2");
        io.except(List.of("r1", "r2")).emit("neither");
        socket(a).broadcast().emit("fromA");
        socket(b).to("r1").emit("bToR1");
        socket(b).to("r2").emit("bToR2");
        socket(a).except("r2").emit("aExceptR2");
        io.local().emit("local");
        io.to(c.id()).emit("direct");
        io.to("nobody").emit("none");
        io.of("/admin").emit("admin");
        io.emit("barrier");
        assertThat(untilBarrier(a)).isEqualTo(evs("all", "r1", "r1r2", "chain", "list", "notR2", "r1NotR2",
                "bToR1", "local"));
        assertThat(untilBarrier(b)).isEqualTo(evs("all", "r1", "r1r2", "chain", "list", "fromA", "local"));
        assertThat(untilBarrier(c)).isEqualTo(evs("all", "r1r2", "chain", "list", "fromA", "bToR2", "local",
                "direct"));
        assertThat(untilBarrier(d)).isEqualTo(evs("all", "notR2", "neither", "fromA", "aExceptR2", "local"));
    }

    @Test
    void joinLeaveAndRooms() {
        start();
        EioClient client = connected(Kind.WEBSOCKET);
        SioSocket socket = socket(client);
        assertThat(socket.rooms()).containsExactly(client.id());
        socket.join("x", "y");
        socket.join("x");
        assertThat(socket.rooms()).containsExactlyInAnyOrder(client.id(), "x", "y");
        io.to("x").emit("inX");
        client.expectText(ev("inX"));
        socket.leave("x");
        socket.leave("never-joined");
        assertThat(socket.rooms()).containsExactlyInAnyOrder(client.id(), "y");
        io.to("x").emit("inX2");
        io.to("y").emit("inY");
        client.expectText(ev("inY"));
    }

    @Test
    void aRoomsMembersAreReadAfreshOnceItChanges() {
        // a one-room broadcast walks the room's cached member array: every join and leave must drop it
        start();
        EioClient first = connected(Kind.WEBSOCKET);
        EioClient second = connected(Kind.WEBSOCKET);
        socket(first).join("r");
        io.to("r").emit("one");
        socket(second).join("r");
        io.to("r").emit("two");
        socket(first).leave("r");
        io.to("r").emit("three");
        socket(first).join("r");
        socket(second).leave("r");
        io.to("r").emit("four");
        io.emit("barrier");
        assertThat(untilBarrier(first)).isEqualTo(evs("one", "two", "four"));
        assertThat(untilBarrier(second)).isEqualTo(evs("two", "three"));
    }

    @Test
    void disconnectLeavesAllRoomsAndDisconnectingStillSeesThem() {
        start();
        Map<String, Set<String>> atDisconnecting = new ConcurrentHashMap<>();
        Map<String, Set<String>> atDisconnect = new ConcurrentHashMap<>();
        io.of("/").onConnection(s -> {
            s.onDisconnecting(reason -> atDisconnecting.put(s.id(), s.rooms()));
            s.onDisconnect(reason -> atDisconnect.put(s.id(), s.rooms()));
        });
        EioClient leaving = connected(Kind.POLLING);
        EioClient cut = connected(Kind.WEBSOCKET);
        EioClient staying = connected(Kind.WEBSOCKET);
        socket(leaving).join("r1", "r2");
        socket(cut).join("r1");
        socket(staying).join("r1");
        leaving.send("41");
        waitAtMost(WAIT).until(() -> atDisconnect.containsKey(leaving.id()));
        assertThat(atDisconnecting.get(leaving.id())).containsExactlyInAnyOrder(leaving.id(), "r1", "r2");
        assertThat(atDisconnect.get(leaving.id())).isEmpty();
        cut.close(); // transport close
        assertThat(reason(cut.id())).isEqualTo("transport close");
        assertThat(atDisconnecting.get(cut.id())).containsExactlyInAnyOrder(cut.id(), "r1");
        assertThat(ids(io.in("r1").fetchSockets())).containsExactly(staying.id());
        assertThat(io.in("r2").fetchSockets().join()).isEmpty();
        io.to("r1", "r2").emit("after");
        staying.expectText(ev("after"));
    }

    @Test
    void volatileEmitsAreDroppedForAPollingClientWithoutPendingGet() {
        start();
        EioClient ws = connected(Kind.WEBSOCKET);
        PollingClient idle = idlePolling();
        SioSocket idleSocket = joinIdle(idle);
        io.asVolatile().emit("v1");
        io.to(idleSocket.id()).asVolatile().emit("v2");
        idleSocket.asVolatile().emit("v3");
        ws.expectText(ev("v1"));
        io.emit("kept");
        assertThat(Http.get(port(), idle.target()).text()).isEqualTo(ev("kept"));
        // with a GET pending, a volatile emit goes out
        Http.Call get = Http.pendingGet(port(), idle.target());
        idleSocket.asVolatile().emit("v4");
        assertThat(get.await().text()).isEqualTo(ev("v4"));
        get.close();
        get = Http.pendingGet(port(), idle.target());
        io.local().asVolatile().emit("v5");
        assertThat(get.await().text()).isEqualTo(ev("v5"));
        get.close();
        ws.expectText(ev("kept"));
        ws.expectText(ev("v5"));
    }

    private static long ackIdOf(EioClient client) {
        String text = client.nextText();
        Matcher m = EVENT_WITH_ACK.matcher(text);
        assertThat(m.matches()).as(text).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void broadcastWithAckCollectsEveryAnswer() throws Exception {
        start();
        fourClients();
        CompletableFuture<List<EventArgs>> answers = io.to("r1", "r2").timeout(Duration.ofSeconds(5)).emitWithAck("q", 1);
        for (EioClient client : List.of(a, b, c)) {
            client.send("43" + ackIdOf(client) + "[\"" + client.id() + "\"]");
        }
        List<EventArgs> got = answers.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(got).extracting(args -> args.get(0).asString())
                .containsExactlyInAnyOrder(a.id(), b.id(), c.id());
        io.emit("barrier");
        assertThat(untilBarrier(d)).isEmpty();
        // no recipient: completes at once, empty
        assertThat(io.to("nobody").emitWithAck("q", 1).get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEmpty();
    }

    @Test
    void broadcastWithAckTimeoutFailsWithThePartialResponses() {
        start();
        fourClients();
        CompletableFuture<List<EventArgs>> answers = io.timeout(Duration.ofMillis(400)).emitWithAck("q", 1);
        a.send("43" + ackIdOf(a) + "[\"A\"]");
        b.send("43" + ackIdOf(b) + "[\"B\",2]");
        long cId = ackIdOf(c);
        ackIdOf(d);
        assertThatThrownBy(() -> answers.get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(AckTimeoutException.class, e -> {
                    assertThat(e).hasMessage("operation has timed out");
                    assertThat(e.responses()).extracting(EventArgs::values)
                            .containsExactlyInAnyOrder(List.of("A"), List.of("B", 2));
                });
        c.send("43" + cId + "[\"late\"]"); // ignored
        c.assertHealthy();
    }

    @Test
    void fetchSocketsSocketsJoinSocketsLeave() {
        start();
        fourClients();
        socket(a).data().put("role", "admin");
        assertThat(ids(io.fetchSockets())).containsExactlyInAnyOrder(a.id(), b.id(), c.id(), d.id());
        assertThat(ids(io.in("r1").fetchSockets())).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(ids(io.except("r1").fetchSockets())).containsExactlyInAnyOrder(c.id(), d.id());
        assertThat(io.in("r1").except("r2").fetchSockets().join()).singleElement()
                .satisfies(s -> assertThat(s.data()).containsEntry("role", "admin"));

        io.in("r2").socketsJoin("r3");
        assertThat(socket(b).rooms()).contains("r3");
        assertThat(socket(c).rooms()).contains("r3");
        assertThat(socket(a).rooms()).doesNotContain("r3");
        io.in("r3").except("r1").socketsLeave("r3");
        assertThat(socket(c).rooms()).doesNotContain("r3");
        assertThat(socket(b).rooms()).contains("r3");
        io.socketsJoin("everyone");
        io.to("everyone").emit("e");
        io.to("r3").emit("r3");
        io.emit("barrier");
        assertThat(untilBarrier(a)).isEqualTo(evs("e"));
        assertThat(untilBarrier(b)).isEqualTo(evs("e", "r3"));
        assertThat(untilBarrier(c)).isEqualTo(evs("e"));
        assertThat(untilBarrier(d)).isEqualTo(evs("e"));
    }

    @Test
    void disconnectSocketsWithAndWithoutClose() {
        start();
        fourClients();
        io.in("r2").except("r1").disconnectSockets(false);
        c.expectText("41");
        assertThat(reason(c.id())).isEqualTo("server namespace disconnect");
        c.connect("/"); // the connection stays
        c.assertHealthy();
        io.in("r1").disconnectSockets(true);
        a.expectText("41");
        b.expectText("41");
        a.awaitClosed();
        b.awaitClosed();
        assertThat(reason(a.id())).isEqualTo("server namespace disconnect");
        d.assertHealthy();
        assertThat(ids(io.fetchSockets())).containsExactlyInAnyOrder(c.id(), d.id());
    }

    @Test
    void adapterEventsForCreateJoinLeaveDelete() {
        start();
        StreamConsumer<RoomEvent> events = track(io.of("/").adapterEvents().createConsumer(WAIT));
        EioClient one = connected(Kind.WEBSOCKET);
        assertThat(events.next()).isEqualTo(new RoomEvent("create-room", one.id(), ""));
        assertThat(events.next()).isEqualTo(new RoomEvent("join-room", one.id(), one.id()));
        EioClient two = connected(Kind.POLLING);
        assertThat(events.next()).isEqualTo(new RoomEvent("create-room", two.id(), ""));
        assertThat(events.next()).isEqualTo(new RoomEvent("join-room", two.id(), two.id()));
        socket(one).join("room");
        assertThat(events.next()).isEqualTo(new RoomEvent("create-room", "room", ""));
        assertThat(events.next()).isEqualTo(new RoomEvent("join-room", "room", one.id()));
        socket(two).join("room");
        assertThat(events.next()).isEqualTo(new RoomEvent("join-room", "room", two.id()));
        socket(one).leave("room");
        assertThat(events.next()).isEqualTo(new RoomEvent("leave-room", "room", one.id()));
        two.send("41");
        List<RoomEvent> onDisconnect = List.of(events.next(), events.next(), events.next(), events.next());
        assertThat(onDisconnect).containsExactlyInAnyOrder(
                new RoomEvent("leave-room", two.id(), two.id()), new RoomEvent("delete-room", two.id(), ""),
                new RoomEvent("leave-room", "room", two.id()), new RoomEvent("delete-room", "room", ""));
        assertThat(onDisconnect.indexOf(new RoomEvent("leave-room", "room", two.id())))
                .isLessThan(onDisconnect.indexOf(new RoomEvent("delete-room", "room", "")));
    }

    @Test
    void broadcastsStayInTheirNamespace() {
        start();
        io.of("/admin");
        EioClient both = connected(Kind.WEBSOCKET);
        both.connect("/admin");
        EioClient mainOnly = connected(Kind.POLLING);
        io.of("/admin").emit("adminOnly");
        both.expectText("42/admin,[\"adminOnly\"]");
        io.of("/admin").to(both.ids.get("/admin")).emit("direct");
        both.expectText("42/admin,[\"direct\"]");
        io.emit("barrier");
        assertThat(untilBarrier(both)).isEmpty();
        assertThat(untilBarrier(mainOnly)).isEmpty();
    }
}
