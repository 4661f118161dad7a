package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.internal.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The demo pages, their browser bundles and the job-progress endpoint, on an in-process server. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DemoPagesTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Standalone running;

    @BeforeEach
    void start() {
        CommandLine cli = Main.commandLine(Map.of(), new PrintWriter(System.err, true));
        cli.parseArgs("--host", "127.0.0.1", "--port", "0", "--no-metrics", "--log-level", "WARN");
        running = cli.<Main>getCommand().start();
    }

    @AfterEach
    void stop() {
        running.close();
        http.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/chat.html", "/jobs.html", "/sc.html"})
    void pagesAreServed(String path) throws Exception {
        HttpResponse<String> res = get(path);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(res.body()).startsWith("<!doctype html>").contains("Switchboard");
    }

    @ParameterizedTest
    @ValueSource(strings = {"socket.io.min.js", "socketcluster-client.min.js"})
    void bundlesComeFromNpmAtBuildTime(String bundle) throws Exception {
        HttpResponse<String> res = get("/vendor/" + bundle);
        if (DemoPagesTest.class.getResource("/demo/vendor/" + bundle) == null) {
            assertThat(res.statusCode()).isEqualTo(404); // built with -Dswitchboard.demo.skipBundles
            assertThat(res.body()).contains("was not built into this jar");
            return;
        }
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(res.body().length()).isGreaterThan(10_000);
    }

    @Test
    void aJobReportsItsProgressOnItsChannel() throws Exception {
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(uri("/demo/jobs?stepMillis=10&delayMillis=3000"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(202);
        String channel = (String) ((Map<?, ?>) Json.decode(started.body())).get("channel");
        assertThat(channel).startsWith("job.");

        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(uri("/sse?channel=" + channel)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<Object> progress = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line;
            while (progress.size() < 11 && (line = in.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    progress.add(((Map<?, ?>) Json.decode(line.substring(6))).get("progress"));
                }
            }
        }
        assertThat(progress).containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        assertThat(get("/demo/jobs").statusCode()).isEqualTo(405);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + running.port() + path);
    }
}
