package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each transport the server can run on carries calls, large frames and a fan-out, and unasked the
 * server takes epoll (io_uring is opt-in: {@link ServerLoops} says why). A transport the machine cannot
 * load is skipped, not passed: where it is requested but missing, the server falls back (to epoll, then
 * NIO), which {@link ServerLoops#transport()} would show instead.
 */
class TransportTest extends ServerTestSupport {
    private static final String PROPERTY = "switchboard.transport";
    // A run may set the property for every test (to run the suite on one transport); put it back after.
    private final String before = System.getProperty(PROPERTY);

    @AfterEach
    void restoreProperty() {
        if (before == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, before);
        }
    }

    @Test
    void unaskedTheServerRunsOnEpollWhereItLoadsElseOnNio() {
        System.clearProperty(PROPERTY);
        start();
        assertThat(((NettyServer) server).loops().transport()).isEqualTo(defaultTransport());
    }

    @ParameterizedTest
    @ValueSource(strings = {"epol", "uring", ""})
    void anUnknownTransportNameGetsTheDefault(String name) {
        System.setProperty(PROPERTY, name);
        start();
        assertThat(((NettyServer) server).loops().transport()).isEqualTo(defaultTransport());
    }

    private static ServerLoops.Transport defaultTransport() {
        return io.netty.channel.epoll.Epoll.isAvailable() ? ServerLoops.Transport.EPOLL : ServerLoops.Transport.NIO;
    }

    @ParameterizedTest
    @EnumSource(ServerLoops.Transport.class)
    void callsLargeFramesAndFanOutWork(ServerLoops.Transport transport) {
        // Before anything loads Netty's io_uring class: loaded unbounded, the server would refuse it.
        dev.switchboard.core.internal.IoUringIoVecBound.apply();
        Assumptions.assumeTrue(switch (transport) {
            case IO_URING -> io.netty.channel.uring.IoUring.isAvailable();
            case EPOLL -> io.netty.channel.epoll.Epoll.isAvailable();
            case NIO -> true;
        }, transport + " does not load on this machine");
        System.setProperty(PROPERTY, transport.name().toLowerCase(java.util.Locale.ROOT));
        start();
        assertThat(((NettyServer) server).loops().transport()).isEqualTo(transport);
        onConnection(ServerTestSupport::echo);

        RawSocket caller = connectReady();
        assertThat(caller.invoke("echo", "{\"n\":1}").get("data").get("n").asInt()).isEqualTo(1);
        // larger than a socket buffer, so the write completes in several parts
        String big = "x".repeat(900_000);
        assertThat(caller.invoke("echo", "\"" + big + "\"").get("data").asString()).isEqualTo(big);

        List<RawSocket> subscribers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            subscribers.add(subscribed("news"));
        }
        for (int i = 0; i < 20; i++) {
            server.exchange().transmitPublish("news", i);
        }
        for (RawSocket subscriber : subscribers) {
            for (int i = 0; i < 20; i++) {
                int expected = i;
                subscriber.awaitJson(json -> json.path("data").path("data").asInt(-1) == expected);
            }
        }
        server.close();
        await().atMost(WAIT).until(() -> ((NettyServer) server).loops().workers().isTerminated());
    }
}
