package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.internal.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real process: configuration from the environment, JSON logs, the endpoints, and SIGTERM: every
 * client gets everything accepted before it, then its protocol's close, and the process exits.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StandaloneProcessTest {
    private static final String KEY = "process-test-key-0123456789";
    private static final Pattern RUNNING = Pattern.compile("Switchboard is running: ws://localhost:(\\d+)/");
    private static final int BURST = 100;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> output = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Process process;
    private Thread reader;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
        http.shutdownNow();
    }

    private int launch(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith(EnvDefaults.PREFIX));
        builder.environment().putAll(env);
        process = builder.start();
        reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(line -> {
                    output.add(line);
                    stdout.add(line);
                });
            } catch (Exception ignored) {
                // the process ended
            }
        });
        while (true) {
            String line = stdout.poll(30, TimeUnit.SECONDS);
            assertThat(line).as("the server did not report that it runs").isNotNull();
            Matcher m = RUNNING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
    }

    @Test
    void sigtermDrainsEveryProtocolAfterDeliveringWhatWasAccepted() throws Exception {
        int port = launch(Map.of("SWITCHBOARD_API_KEYS", KEY, "SWITCHBOARD_LOG_FORMAT", "json",
                "SWITCHBOARD_HOST", "127.0.0.1"), "--port", "0", "--shutdown-timeout", "5s");
        String base = "http://127.0.0.1:" + port;
        assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
        assertThat(get(base + "/readyz").statusCode()).isEqualTo(200);

        Ws sc = new Ws();
        http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/socketcluster/"), sc).join();
        sc.ws.sendText("{\"event\":\"#handshake\",\"data\":{},\"cid\":1}", true);
        assertThat(sc.next()).contains("\"rid\":1");
        sc.ws.sendText("{\"event\":\"#subscribe\",\"data\":{\"channel\":\"jobs\"},\"cid\":2}", true);
        assertThat(sc.next()).contains("\"rid\":2");
        Ws sio = new Ws();
        http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"), sio).join();
        assertThat(sio.next()).startsWith("0{");
        sio.ws.sendText("40", true);
        assertThat(sio.next()).startsWith("40{");
        HttpResponse<java.io.InputStream> sse = http.send(HttpRequest.newBuilder(URI.create(base + "/sse?channel=jobs")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(sse.statusCode()).isEqualTo(200);

        String metrics = get(base + "/metrics").body();
        assertThat(metrics).contains("switchboard_connections{transport=\"sse\"} 1.0",
                "switchboard_connections{transport=\"socketcluster\"} 1.0", "jvm_memory_used_bytes");

        for (int i = 0; i < BURST; i++) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/api/publish"))
                    .header("X-Api-Key", KEY).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"channel\":\"jobs\",\"data\":{\"progress\":" + i + "}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(202);
        }
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its stdout
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isIn(0, 143);

        for (int i = 0; i < BURST; i++) {
            assertThat(sc.next()).isEqualTo("{\"event\":\"#publish\",\"data\":{\"channel\":\"jobs\",\"data\":{\"progress\":" + i + "}}}");
        }
        assertThat(sc.closed.get(5, TimeUnit.SECONDS)).isEqualTo("1001 Server is shutting down");
        String events = new String(sse.body().readAllBytes(), StandardCharsets.UTF_8);
        for (int i = 0; i < BURST; i++) {
            assertThat(events).contains("id: " + i + "\nevent: jobs\ndata: {\"progress\":" + i + "}\n\n");
        }
        assertThat(events).endsWith(": server shutting down\n\n");
        assertThat(sio.closed.get(5, TimeUnit.SECONDS)).isNotNull();

        assertThat(reader.join(java.time.Duration.ofSeconds(5))).isTrue();
        List<Map<String, Object>> logs = new ArrayList<>();
        for (String line : output) {
            if (line.startsWith("{")) {
                logs.add(json(line));
            }
        }
        assertThat(logs).as("exit " + process.exitValue() + ": " + String.join("\n", output)).extracting(l -> l.get("formattedMessage")).anySatisfy(m -> assertThat(m).asString().startsWith("Switchboard listening on 127.0.0.1:" + port))
                .anySatisfy(m -> assertThat(m).asString().startsWith("Shutting down"))
                .anySatisfy(m -> assertThat(m).isEqualTo("Switchboard stopped"));
        assertThat(logs).allSatisfy(l -> assertThat(l).containsKeys("timestamp", "level", "loggerName"));
    }

    @Test
    void aBadEnvironmentValueStopsTheProcessWithOneSentence() throws Exception {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SWITCHBOARD_PORT", "eighty");
        process = builder.start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(err.lines().toList()).containsExactly(
                "switchboard: Invalid value for option '--port': 'eighty' is not an int (see --help).");
        assertThat(process.getInputStream().readAllBytes()).isEmpty();
    }

    private HttpResponse<String> get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) Json.decode(text);
    }

    /** Queues whole text messages, answers SocketCluster and Engine.IO pings, records the close. */
    private static final class Ws implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        volatile WebSocket ws;

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (text.isEmpty() || text.equals("2")) {
                    webSocket.sendText(text.isEmpty() ? "" : "3", true);
                } else {
                    messages.add(text);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }

        String next() throws InterruptedException {
            String text = messages.poll(5, TimeUnit.SECONDS);
            assertThat(text).as("a message within 5 s").isNotNull();
            return text;
        }
    }
}
