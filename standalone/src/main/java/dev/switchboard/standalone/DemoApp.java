package dev.switchboard.standalone;

import dev.switchboard.core.RemoteException;
import dev.switchboard.server.Request;
import dev.switchboard.server.ServerEvents;
import dev.switchboard.server.ServerSocket;
import dev.switchboard.server.SioSocket;
import dev.switchboard.server.SwitchboardServer;
import dev.switchboard.core.stream.StreamConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo application the standalone server runs.
 *
 * <p>SocketCluster ({@code /socketcluster/}): procedures {@code echo} (answers with its argument) and
 * {@code fail} (answers with a {@code DemoError}), and free publishing on every channel, such as
 * {@code chat}. Each connection's streams are consumed on virtual threads.
 *
 * <p>Socket.IO ({@code /socket.io/}): the chat example of socket.io's tutorial, with rooms. {@code
 * chat message} goes to everyone in the sender's rooms (or everyone, outside rooms), {@code join} and
 * {@code leave} change rooms, {@code typing} goes to the same people but the sender; {@code watch} joins
 * a demo job's room.
 *
 * <p>HTTP: the demo pages at {@code /} ({@link DemoPages}) and {@code POST /demo/jobs} ({@link DemoJobs}).
 */
public final class DemoApp {
    private DemoApp() {}

    /**
     * Installs the demo on {@code server}; returns at once, the work happens on virtual threads. Close
     * the returned jobs with the server.
     */
    public static AutoCloseable install(SwitchboardServer server) {
        DemoJobs jobs = new DemoJobs(server);
        DemoPages.install(server, jobs);
        installSocketIoChat(server);
        StreamConsumer<ServerEvents.Connection> connections = server.listener(ServerEvents.CONNECTION).createConsumer();
        Thread.ofVirtual().name("demo-connections").start(() -> {
            for (ServerEvents.Connection connection : connections) {
                serve(connection.socket());
            }
        });
        return jobs;
    }

    private static void installSocketIoChat(SwitchboardServer server) {
        var io = server.socketIo();
        io.of("/").onConnection(socket -> {
            socket.on("join", (args, ack) -> {
                String room = args.get(0).asString();
                socket.join(room);
                socket.to(room).emit("chat message", "a user joined " + room);
                ack.send(room);
            });
            socket.on("leave", (args, ack) -> {
                socket.leave(args.get(0).asString());
                ack.send();
            });
            socket.on("chat message", (args, ack) -> {
                Object message = args.get(0).value().orElse("");
                List<String> rooms = joinedRooms(socket);
                if (rooms.isEmpty()) {
                    io.emit("chat message", message);
                } else {
                    io.to(rooms).emit("chat message", message);
                }
                ack.send();
            });
            socket.on("watch", (args, ack) -> {
                String room = args.get(0).asString();
                if (room.startsWith("job.")) {
                    socket.join(room);
                }
                ack.send(room);
            });
            socket.on("typing", (args, ack) -> {
                // Like the messages: only the sender's rooms hear it (everyone, outside rooms), never the sender.
                Object who = args.get(0).value().orElse("someone");
                List<String> rooms = joinedRooms(socket);
                if (rooms.isEmpty()) {
                    socket.broadcast().emit("typing", who);
                } else {
                    socket.broadcast().to(rooms).emit("typing", who);
                }
            });
        });
    }

    /** The rooms {@code socket} joined, without the room named after its id that every socket is in. */
    private static List<String> joinedRooms(SioSocket socket) {
        List<String> rooms = new ArrayList<>(socket.rooms());
        rooms.remove(socket.id());
        return rooms;
    }

    private static void serve(ServerSocket socket) {
        StreamConsumer<Request> echo = socket.procedure("echo").createConsumer();
        StreamConsumer<Request> fail = socket.procedure("fail").createConsumer();
        Thread.ofVirtual().start(() -> {
            for (Request request : echo) {
                request.end(request.data());
            }
        });
        Thread.ofVirtual().start(() -> {
            for (Request request : fail) {
                request.error(new RemoteException("DemoError", "This is what a remote error looks like",
                        Map.of("hint", "error names and fields reach the client")));
            }
        });
    }
}
