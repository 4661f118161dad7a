package dev.switchboard.benchmarks.servers;

import dev.switchboard.core.Payload;
import dev.switchboard.core.stream.StreamConsumer;
import dev.switchboard.redis.RedisBroker;
import dev.switchboard.redis.RedisBrokerOptions;
import dev.switchboard.server.ServerEvents;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.ServerSocket;
import dev.switchboard.server.SwitchboardServer;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Switchboard running the benchmark app, written the way the docs show: the connection loop runs on a
 * virtual thread and each socket's procedures take {@code handle} callbacks (no parked thread per
 * idle stream). Procedure {@code echo} answers with its argument, {@code slowEcho} after 5 ms: it
 * hands the answer to a timer, as the Node apps do with {@code setTimeout(() => req.end(data), 5)}, so
 * the socket's next call is not held up ({@code SB_SLOW_WAIT=sleep} in the environment makes each slow
 * call sleep on a virtual thread of its own instead, the app before 2026-12-05); clients publish to any
 * channel with {@code #publish}. The same process serves socket.io's benchmark app at {@code
 * /socket.io/} (join, pub, echo, slowEcho), so the harness measures both endpoints. Usage: {@code
 * SwitchboardBenchServer <port> [redis://host:port]}; with a Redis URI the server uses a {@link
 * RedisBroker} (defaults, as the standalone server builds it), so several processes form one cluster.
 */
public final class SwitchboardBenchServer {
    /** The slow calls' timer: one thread, like the one thread on which Node runs its timers. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-timer");
        thread.setDaemon(true);
        return thread;
    });

    private static final boolean SLEEP = "sleep".equals(System.getenv("SB_SLOW_WAIT"));

    private SwitchboardBenchServer() {}

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        ServerOptions.Builder options = ServerOptions.builder().host("127.0.0.1").port(port);
        if (args.length > 1) {
            // Closed with the process (Control exits the JVM); nothing to release before that.
            options.broker(RedisBroker.create(RedisBrokerOptions.builder(args[1]).build()));
        }
        SwitchboardServer server = SwitchboardServer.create(options.build()).start();
        StreamConsumer<ServerEvents.Connection> connections = server.listener(ServerEvents.CONNECTION).createConsumer();
        Thread.ofVirtual().name("bench-connections").start(() -> {
            for (ServerEvents.Connection connection : connections) {
                serve(connection.socket());
            }
        });
        serveSocketIo(server);
        Control.readyAndServe(server.port());
    }

    private static void serve(ServerSocket socket) {
        socket.procedure("echo").handle(request -> request.end(request.data()));
        socket.procedure("slowEcho").handle(request -> later(() -> request.end(request.data())));
    }

    /** The same app as node/sio-server.js, on Switchboard's Socket.IO endpoint. */
    private static void serveSocketIo(SwitchboardServer server) {
        var io = server.socketIo();
        io.of("/").onConnection(socket -> {
            socket.on("join", (args, ack) -> {
                socket.join(args.get(0).asString());
                ack.send();
            });
            socket.on("pub", (args, ack) -> io.to(args.get(0).asString()).emit("m", args.get(1)));
            socket.on("echo", (args, ack) -> ack.send(args.get(0)));
            socket.on("slowEcho", (args, ack) -> {
                Payload data = args.get(0);
                later(() -> ack.send(data));
            });
        });
    }

    /** Runs {@code answer} 5 ms from now without holding the calling thread. */
    private static void later(Runnable answer) {
        if (SLEEP) {
            Thread.ofVirtual().start(() -> {
                sleep(5);
                answer.run();
            });
        } else {
            TIMER.schedule(answer, 5, TimeUnit.MILLISECONDS);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
