package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.ServerOptions;
import dev.switchboard.server.auth.AuthAlgorithm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command line in-process: help, environment defaults, and one-sentence errors with exit code 2. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class MainTest {
    private static final String KEY = "api-key-0123456789abcdef";

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private CommandLine cli(Map<String, String> env) {
        CommandLine cli = Main.commandLine(env, new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli;
    }

    private Main parse(Map<String, String> env, String... args) {
        CommandLine cli = cli(env);
        cli.parseArgs(args);
        return cli.getCommand();
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable() {
        CommandLine cli = cli(Map.of());
        assertThat(cli.execute("--help")).isZero();
        String help = out.toString();
        assertThat(help).contains("Usage: switchboard", "--port", "--shutdown-timeout", "--log-format", "/sse",
                "SWITCHBOARD_PORT", "proxy logs");
        for (OptionSpec option : cli.getCommandSpec().options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            assertThat(String.join(" ", option.description())).as(option.longestName())
                    .contains("[" + EnvDefaults.variable(option.longestName()));
        }
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void defaultsMatchTheServerDefaults() {
        Settings settings = Settings.from(parse(Map.of()));
        ServerOptions o = settings.options();
        assertThat(o.port()).isEqualTo(8000);
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.path()).isEqualTo("/socketcluster/");
        assertThat(o.socketIo().path()).isEqualTo("/socket.io/");
        assertThat(o.socketIo().enabled()).isTrue();
        assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(8));
        assertThat(o.httpApi().apiKeys()).isEmpty();
        assertThat(o.auth().algorithm()).isEqualTo(AuthAlgorithm.HS256);
        assertThat(settings.metrics()).isTrue();
        assertThat(settings.demo()).isTrue();
        assertThat(o.socketIo().cookie()).isEmpty(); // no cookie unless asked, as in socket.io 4
    }

    @Test
    void environmentVariablesSetEveryKindOfOptionAndTheCommandLineWins() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("SWITCHBOARD_PORT", "9100"),
                Map.entry("SWITCHBOARD_HOST", "127.0.0.1"),
                Map.entry("SWITCHBOARD_SC_PATH", "/sc/"),
                Map.entry("SWITCHBOARD_SOCKET_IO", "false"),
                Map.entry("SWITCHBOARD_ORIGINS", "https://a.example,https://b.example"),
                Map.entry("SWITCHBOARD_API_KEYS", KEY + "," + KEY + "2"),
                Map.entry("SWITCHBOARD_PING_INTERVAL", "2s"),
                Map.entry("SWITCHBOARD_SIO_PING_TIMEOUT", "PT7S"),
                Map.entry("SWITCHBOARD_LOG_LEVEL", "debug"),
                Map.entry("SWITCHBOARD_LOG_FORMAT", "json"),
                Map.entry("SWITCHBOARD_SHUTDOWN_TIMEOUT", "250ms"),
                Map.entry("SWITCHBOARD_METRICS", "false"),
                Map.entry("SWITCHBOARD_AUTH_KEY", "env-secret"),
                Map.entry("SWITCHBOARD_SIO_COOKIE", "io"));
        Main main = parse(env, "--port", "9200");
        assertThat(main.port).isEqualTo(9200); // command line wins
        assertThat(main.logLevel).isEqualTo(Main.LogLevel.DEBUG);
        assertThat(main.logFormat).isEqualTo(Main.LogFormat.JSON);
        assertThat(main.shutdownTimeout).isEqualTo(Duration.ofMillis(250));
        Settings settings = Settings.from(main);
        ServerOptions o = settings.options();
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.path()).isEqualTo("/sc/");
        assertThat(o.socketIo().enabled()).isFalse();
        assertThat(o.origins()).containsExactly("https://a.example", "https://b.example");
        assertThat(o.httpApi().apiKeys()).containsExactly(KEY, KEY + "2");
        assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.socketIo().pingTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(o.auth().secret()).hasValueSatisfying(s -> assertThat(new String(s)).isEqualTo("env-secret"));
        assertThat(settings.metrics()).isFalse();
        assertThat(o.socketIo().cookie()).isEqualTo("io");
        assertThat(parse(env, "--socket-io").socketIo).isTrue();
    }

    @Test
    void keyFilesAreRead(@TempDir Path dir) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path priv = Files.writeString(dir.resolve("priv.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Path pub = Files.writeString(dir.resolve("pub.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Path keys = Files.writeString(dir.resolve("keys.txt"), "# API keys\n" + KEY + "\n\n");
        Settings settings = Settings.from(parse(Map.of("SWITCHBOARD_AUTH_PRIVATE_KEY", priv.toString()),
                "--auth-public-key", pub.toString(), "--auth-algorithm", "ps384", "--api-key-file", keys.toString()));
        assertThat(settings.options().auth().algorithm()).isEqualTo(AuthAlgorithm.PS384);
        assertThat(settings.options().auth().privateKey()).isPresent();
        assertThat(settings.options().httpApi().apiKeys()).containsExactly(KEY);
        Path secret = Files.writeString(dir.resolve("secret"), "  file-secret\n");
        assertThat(Settings.from(parse(Map.of(), "--auth-key-file", secret.toString())).options().auth().secret())
                .hasValueSatisfying(s -> assertThat(new String(s)).isEqualTo("file-secret"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--port abc                          | Invalid value for option '--port': 'abc' is not an int",
        "--port 70000                        | --port must be between 0 and 65535",
        "--ping-interval 5x                  | is not a duration",
        "--log-level LOUD                    | Invalid value for option '--log-level'",
        "--log-format xml                    | Invalid value for option '--log-format'",
        "--redis-mode BOGUS                  | Invalid value for option '--redis-mode'",
        "--broker kafka://x                  | --broker must be 'memory' or a redis:// URI",
        "--api-keys short                    | at least 16 characters",
        "--auth-key-file /no/such/file       | --auth-key-file cannot be read",
        "--auth-algorithm XX256              | --auth-algorithm must be one of",
        "--auth-algorithm RS256 --auth-key k | cannot be used with an HMAC secret",
        "--auth-private-key /no/such.pem     | go together",
        "--sio-path /x                       | --sio-path must start and end with '/'",
        "--max-payload 10                    | maxPayload must be at least 64 bytes",
        "--bogus                             | Unknown option: '--bogus'",
        "--sio-cookie a;b                    | --sio-cookie must be a cookie name",
        "--cluster-request-timeout 5x        | is not a duration",
    })
    void aBadOptionFailsWithOneSentenceAndExitCode2(String args, String expected) {
        int code = cli(Map.of()).execute(args.trim().split("\\s+"));
        assertOneSentence(code, expected);
    }

    @Test
    void anUnreachableRedisFailsTheStartWithOneSentenceAndExitCode1() {
        int code = cli(Map.of()).execute("--broker", "redis://127.0.0.1:1", "--port", "0");
        String text = err.toString();
        assertThat(code).as(text).isEqualTo(1);
        assertThat(text.lines().toList()).singleElement().satisfies(line ->
                assertThat(line).startsWith("switchboard: Cannot start: ").endsWith(".").doesNotContain("\tat "));
    }

    @Test
    void aBadEnvironmentValueFailsTheSameWay() {
        assertOneSentence(cli(Map.of("SWITCHBOARD_SHUTDOWN_TIMEOUT", "soon")).execute(), "'soon' is not a duration");
    }

    private void assertOneSentence(int code, String expected) {
        String text = err.toString();
        assertThat(code).as(text).isEqualTo(2);
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("switchboard: ").contains(expected).endsWith(".").doesNotContain("Exception");
        assertThat(out.toString()).isEmpty();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
