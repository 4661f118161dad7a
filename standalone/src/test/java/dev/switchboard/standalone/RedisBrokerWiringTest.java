package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --broker redis://...}: two standalone servers on one real {@code redis-server} (Debian's; the
 * build installs it, scripts/ensure-redis.sh) share publications: an API publish on one reaches an SSE
 * stream on the other, and {@code /readyz} names the broker.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisBrokerWiringTest {
    private static final Path REDIS = Path.of("/usr/bin/redis-server");
    private static final String KEY = "redis-wiring-key-0123456789";

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Process redis;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable r : resources.reversed()) {
            r.close();
        }
        if (redis != null) {
            redis.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        http.shutdownNow();
    }

    @Test
    void twoServersShareOneRedis() throws Exception {
        int redisPort = startRedis();

        Standalone a = start(redisPort);
        Standalone b = start(redisPort);
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(uri(a, "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"broker\":\"redis\"");

        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(uri(a, "/sse?channel=jobs")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        resources.add(stream.body());
        assertThat(stream.statusCode()).isEqualTo(200); // subscribed on node a, through Redis
        HttpResponse<String> published = http.send(HttpRequest.newBuilder(uri(b, "/api/publish"))
                .header("X-Api-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"jobs\",\"data\":{\"progress\":50}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).isEqualTo(202);
        assertThat(readUntil(stream.body(), "\n\n", "data: ")).contains("event: jobs\ndata: {\"progress\":50}");
    }

    @Test
    void theSocketIoAdapterOptionsReachTheRedisBroker() throws Exception {
        int redisPort = startRedis();
        picocli.CommandLine cli = Main.commandLine(Map.of("SWITCHBOARD_CLUSTER_REQUEST_TIMEOUT", "2s"),
                new java.io.PrintWriter(System.err, true));
        cli.parseArgs("--broker", "redis://127.0.0.1:" + redisPort, "--sio-redis-key", "chat-app");
        Settings settings = Settings.from(cli.getCommand());
        assertThat(settings.options().broker()).hasValueSatisfying(broker ->
                assertThat(broker).isInstanceOfSatisfying(dev.switchboard.redis.RedisBroker.class, b -> {
                    resources.add(b);
                    assertThat(b.options().socketIoKey()).isEqualTo("chat-app");
                    assertThat(b.options().requestTimeout()).isEqualTo(Duration.ofSeconds(2));
                }));
    }

    /** Starts Debian's redis-server on a free loopback port (stopped after the test) and returns the port. */
    private int startRedis() throws IOException {
        assertThat(Files.isExecutable(REDIS)).as("redis-server is not installed: run scripts/ensure-redis.sh").isTrue();
        int redisPort = freePort();
        redis = new ProcessBuilder(REDIS.toString(), "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> accepts(redisPort));
        return redisPort;
    }

    private Standalone start(int redisPort) {
        picocli.CommandLine cli = Main.commandLine(Map.of(), new java.io.PrintWriter(System.err, true));
        cli.parseArgs("--host", "127.0.0.1", "--port", "0", "--broker", "redis://127.0.0.1:" + redisPort,
                "--api-keys", KEY, "--no-demo", "--log-level", "WARN");
        Standalone s = cli.<Main>getCommand().start();
        resources.add(s);
        return s;
    }

    private static URI uri(Standalone s, String path) {
        return URI.create("http://127.0.0.1:" + s.port() + path);
    }

    /** Reads until an event block containing {@code marker} has ended with {@code end}. */
    private static String readUntil(InputStream in, String end, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new AssertionError("the stream ended: " + seen);
            }
            seen.append((char) c);
            int at = seen.indexOf(marker);
            if (at >= 0 && seen.indexOf(end, at) >= 0) {
                return new String(seen.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
