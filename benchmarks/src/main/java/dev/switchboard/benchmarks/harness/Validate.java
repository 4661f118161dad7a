package dev.switchboard.benchmarks.harness;

import dev.switchboard.benchmarks.load.LoadGenerator;
import dev.switchboard.benchmarks.load.Sink;
import dev.switchboard.benchmarks.load.Stamp;
import dev.switchboard.benchmarks.load.WsConn;
import io.netty.buffer.ByteBuf;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Adapter conformance, once per server at N=1: the official npm client (socket.io-client or
 * socketcluster-client, {@code benchmarks/node/validate.js}) and the raw adapter both subscribe to
 * {@code room}; the raw adapter publishes three stamped messages; both receivers must report the same
 * three payloads, and a raw echo call must come back. Proves the raw frames mean what the official
 * clients mean on every server, including the bare one. On a two-node deployment the raw publisher
 * lands on the second node (connections alternate) and both receivers on the first, so the broadcasts
 * cross Redis.
 */
final class Validate {
    private static final int COUNT = 3;

    private Validate() {}

    static String run(Env env, List<ServerKind> servers) {
        StringBuilder out = new StringBuilder();
        for (ServerKind kind : servers) {
            String verdict;
            try (ServerUnderTest server = kind.start(env, 20500 + kind.ordinal())) {
                verdict = check(env, server);
            } catch (RuntimeException e) {
                verdict = "FAIL (" + e.getMessage() + ")";
            }
            String client = kind.speaksSocketIo() ? "socket.io-client 4.8.4" : "socketcluster-client 20.0.2";
            out.append(kind.label).append(" vs ").append(client).append(": ").append(verdict).append('\n');
        }
        return out.toString();
    }

    /**
     * The stored verdicts with the servers in {@code fresh} replaced, in server order, so a run over some
     * servers keeps the others' verdicts (as results.tsv keeps their rows).
     */
    static String merge(Path stored, String fresh) throws IOException {
        Map<String, String> byServer = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>(Files.exists(stored) ? Files.readAllLines(stored) : List.of());
        lines.addAll(fresh.lines().toList());
        for (String line : lines) {
            int vs = line.indexOf(" vs ");
            if (vs > 0) {
                byServer.put(line.substring(0, vs), line); // fresh lines come last and win
            }
        }
        StringBuilder out = new StringBuilder();
        for (ServerKind kind : ServerKind.values()) {
            String line = byServer.remove(kind.label);
            if (line != null) {
                out.append(line).append('\n');
            }
        }
        byServer.values().forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }

    private static String check(Env env, ServerUnderTest server) {
        Process node;
        try {
            node = new ProcessBuilder("node", env.nodeDir().resolve("validate.js").toString(),
                    server.kind().speaksSocketIo() ? "sio" : "sc", Integer.toString(server.port()), Integer.toString(COUNT))
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return "FAIL (cannot start node: " + e.getMessage() + ")";
        }
        List<String> official = new ArrayList<>();
        String officialEcho = null;
        try (LoadGenerator gen = new LoadGenerator(server.kind().protocol(), "127.0.0.1", server.ports());
             BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> raw = new ArrayList<>();
            long[] acks = new long[2];
            Sink sink = new Sink() {
                @Override
                public void onDelivery(WsConn conn, long seq, long nanos, ByteBuf buf, int from, int to) {
                    int mark = Stamp.find(buf, from, to);
                    int end = buf.indexOf(mark, to, (byte) '"');
                    raw.add(buf.toString(mark, end - mark, StandardCharsets.UTF_8));
                }

                @Override
                public void onAck(WsConn conn, long nanos, boolean error) {
                    acks[nanos >= 0 ? 1 : 0]++;
                }
            };
            LoadGenerator.Connected c = gen.connect(2, 2, Duration.ofSeconds(10));
            if (c.conns().size() != 2) {
                return "FAIL (raw adapter could not connect)";
            }
            WsConn sub = c.conns().get(0);
            WsConn pub = c.conns().get(1);
            gen.onLoop(() -> {
                sub.sink(sink);
                pub.sink(sink);
                sub.writeAndFlush(gen.protocol().subscribe(sub, "room"));
            });
            String line;
            while ((line = r.readLine()) != null && !line.equals("READY")) {
                if (line.startsWith("ECHO ")) {
                    officialEcho = line.substring(5);
                } else if (line.startsWith("ERROR")) {
                    return "FAIL (official client: " + line + ")";
                }
            }
            FanOutScenario.waitFor(gen, () -> acks[0] >= 1, 5);
            gen.onLoop(() -> {
                for (int i = 0; i < COUNT; i++) {
                    pub.write(gen.protocol().publish(pub.alloc(), "room", i, System.nanoTime(), 64));
                }
                pub.channel().flush();
                pub.writeAndFlush(gen.protocol().call(pub, "echo", 99, System.nanoTime(), 64));
            });
            while ((line = r.readLine()) != null && !line.equals("DONE")) {
                if (line.startsWith("MSG ")) {
                    official.add(line.substring(4));
                }
            }
            FanOutScenario.waitFor(gen, () -> raw.size() >= COUNT && acks[1] >= 1, 5);
            List<String> rawSeen = gen.onLoop(() -> List.copyOf(raw));
            boolean echoed = gen.onLoop(() -> acks[1] >= 1);
            if (rawSeen.size() == COUNT && rawSeen.equals(official) && echoed && "~official-echo".equals(officialEcho)) {
                return "PASS (both received the same " + COUNT + " broadcasts; raw and official echo answered)";
            }
            return "FAIL (raw " + rawSeen + ", official " + official + ", raw echo " + echoed + ", official echo " + officialEcho + ")";
        } catch (java.io.IOException e) {
            return "FAIL (" + e.getMessage() + ")";
        } finally {
            node.destroy();
            try {
                node.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            node.destroyForcibly();
        }
    }
}
