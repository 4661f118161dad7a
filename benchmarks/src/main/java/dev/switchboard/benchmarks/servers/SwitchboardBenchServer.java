package dev.switchboard.benchmarks.servers;

import dev.switchboard.core.stream.StreamConsumer;
import dev.switchboard.redis.RedisBroker;
import dev.switchboard.redis.RedisBrokerOptions;
import dev.switchboard.server.ServerEvents;
import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.ServerSocket;
import dev.switchboard.server.SwitchboardServer;

/**
 * Switchboard running the benchmark app, written the way the docs show: the connection loop runs on a
 * virtual thread and each socket's procedures take {@code handle} callbacks (no parked thread per
 * idle stream). Procedure {@code echo} answers with its argument, {@code slowEcho} after 5 ms
 * without holding up the socket's next call (like a Node {@code setTimeout}); clients publish to any
 * channel with {@code #publish}. The same process serves socket.io's benchmark app at {@code
 * /socket.io/} (join, pub, echo, slowEcho), so the harness measures both endpoints. Usage: {@code
 * SwitchboardBenchServer <port> [redis://host:port]}; with a Redis URI the server uses a {@link
 * RedisBroker} (defaults, as the standalone server builds it), so several processes form one cluster.
 */
public final class SwitchboardBenchServer {
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
        socket.procedure("slowEcho").handle(request -> Thread.ofVirtual().start(() -> {
            sleep(5);
            request.end(request.data());
        }));
    }

    /** The same app as node/sio-server.js, on Switchboard's Socket.IO endpoint. */
    private static void serveSocketIo(SwitchboardServer server) {
        var io = server.socketIo();
        io.of("/").onConnection(socket -> {
            socket.on("join", (args, ack) -> {
                socket.join(args.get(0).asString());
                ack.send();
            });
            socket.on("pub", (args, ack) -> io.to(args.get(0).asString()).emit("m", args.values().get(1)));
            socket.on("echo", (args, ack) -> ack.send(args.values().get(0)));
            socket.on("slowEcho", (args, ack) -> {
                Object data = args.values().get(0);
                Thread.ofVirtual().start(() -> {
                    sleep(5);
                    ack.send(data);
                });
            });
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
