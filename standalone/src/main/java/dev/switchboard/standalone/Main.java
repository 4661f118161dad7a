package dev.switchboard.standalone;

import dev.switchboard.redis.RedisBrokerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard}: runs a server in the foreground until SIGINT or SIGTERM, then shuts it down
 * gracefully within {@code --shutdown-timeout}.
 *
 * <p>Every option can also come from an environment variable: {@code --foo-bar} reads {@code
 * SWITCHBOARD_FOO_BAR} (see {@link EnvDefaults}); the command line wins. A bad option or value stops the
 * start with one sentence on stderr and exit code 2; a port that cannot be bound, exit code 1.
 *
 * <p>The options are plain fields that picocli fills on the main thread; {@link #call()} then reads
 * them once. {@link #start()} is what tests use: it returns the running server instead of waiting.
 */
@Command(name = "switchboard", mixinStandardHelpOptions = true, version = "switchboard 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Runs a Switchboard real-time server: SocketCluster at --sc-path, Socket.IO at --sio-path, "
                    + "Server-Sent Events at /sse?channel=..., the publish API at /api/publish and /api/broadcast "
                    + "(with --api-keys), /healthz, /readyz and Prometheus /metrics. SIGTERM drains clients "
                    + "within --shutdown-timeout.",
            "",
            "Every option can also be set with the environment variable in brackets; the command line wins. "
                    + "Durations: 500ms, 10s, 2m, 1h or ISO-8601 (PT10S).",
            ""},
        footer = {"", "Secrets given on the command line (--auth-key, --api-keys) are visible to other users of "
                + "the machine; prefer the environment variables or the -file options. SSE clients may send "
                + "their JWT as ?token=..., which ends up in proxy logs: prefer the cookie "
                + "switchboard_token or an Authorization header."})
public final class Main implements Callable<Integer> {

    /** {@code --log-level} values. */
    public enum LogLevel { TRACE, DEBUG, INFO, WARN, ERROR, OFF }

    /** {@code --log-format} values. */
    public enum LogFormat { TEXT, JSON }

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to bind [SWITCHBOARD_HOST]. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--port", defaultValue = "8000", description = "Port to bind, 0 for any free one [SWITCHBOARD_PORT]. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = {"--sc-path", "--path"}, defaultValue = "/socketcluster/", description = "SocketCluster endpoint [SWITCHBOARD_SC_PATH]. Default: ${DEFAULT-VALUE}")
    String scPath;

    @Option(names = "--sio-path", defaultValue = "/socket.io/", description = "Socket.IO endpoint [SWITCHBOARD_SIO_PATH]. Default: ${DEFAULT-VALUE}")
    String sioPath;

    @Option(names = "--socket-io", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Serve Socket.IO [SWITCHBOARD_SOCKET_IO=true|false]. Default: ${DEFAULT-VALUE}")
    boolean socketIo;

    @Option(names = "--auth-key", description = "Shared secret of HS256/384/512 auth tokens [SWITCHBOARD_AUTH_KEY]. Default: a random key, so tokens die on restart")
    String authKey;

    @Option(names = "--auth-key-file", description = "File holding that secret (trimmed) [SWITCHBOARD_AUTH_KEY_FILE]")
    Path authKeyFile;

    @Option(names = "--auth-private-key", description = "PEM private key that signs RS/PS/ES tokens [SWITCHBOARD_AUTH_PRIVATE_KEY]")
    Path authPrivateKey;

    @Option(names = "--auth-public-key", description = "PEM public key (or certificate) that verifies them [SWITCHBOARD_AUTH_PUBLIC_KEY]")
    Path authPublicKey;

    @Option(names = "--auth-algorithm", description = "JWT algorithm: HS256..512, RS256..512, PS256..512, ES256..512 [SWITCHBOARD_AUTH_ALGORITHM]. Default: HS256 with a secret, RS256 with RSA keys, the curve's ES algorithm with EC keys")
    String authAlgorithm;

    @Option(names = "--origins", split = ",", description = "Allowed browser origins, comma separated, e.g. https://app.example.com,*.example.com:* [SWITCHBOARD_ORIGINS]. Default: all")
    List<String> origins;

    @Option(names = "--broker", defaultValue = "memory", description = "memory (one node), or redis://[password@]host[:port][/db] (rediss:// for TLS; comma-separated seeds for a cluster) to share publications between nodes [SWITCHBOARD_BROKER]. Default: ${DEFAULT-VALUE}")
    String broker;

    @Option(names = "--redis-mode", defaultValue = "STANDALONE", description = "With a redis:// broker: STANDALONE, CLUSTER (Redis Cluster, PUBLISH) or SHARDED (Redis Cluster, SPUBLISH) [SWITCHBOARD_REDIS_MODE]. Default: ${DEFAULT-VALUE}")
    RedisBrokerOptions.Mode redisMode;

    @Option(names = "--sio-redis-key", defaultValue = "socket.io", description = "With a redis:// broker: the key of socket.io's Redis adapter channels (as @socket.io/redis-adapter's key option) [SWITCHBOARD_SIO_REDIS_KEY]. Default: ${DEFAULT-VALUE}")
    String sioRedisKey;

    @Option(names = "--cluster-request-timeout", defaultValue = "5s", description = "With a redis:// broker: how long fetchSockets, serverSideEmit acks and broadcast acks wait for the other nodes [SWITCHBOARD_CLUSTER_REQUEST_TIMEOUT]. Default: ${DEFAULT-VALUE}")
    Duration clusterRequestTimeout;

    @Option(names = "--sio-cookie", defaultValue = "", description = "Name of a cookie the Socket.IO handshake sets to the session id, for cookie-sticky load balancers with long-polling [SWITCHBOARD_SIO_COOKIE]. Default: none")
    String sioCookie;

    @Option(names = "--ping-interval", defaultValue = "8s", description = "SocketCluster ping interval [SWITCHBOARD_PING_INTERVAL]. Default: ${DEFAULT-VALUE}")
    Duration pingInterval;

    @Option(names = "--ping-timeout", defaultValue = "30s", description = "SocketCluster ping timeout [SWITCHBOARD_PING_TIMEOUT]. Default: ${DEFAULT-VALUE}")
    Duration pingTimeout;

    @Option(names = "--sio-ping-interval", defaultValue = "25s", description = "Socket.IO ping interval [SWITCHBOARD_SIO_PING_INTERVAL]. Default: ${DEFAULT-VALUE}")
    Duration sioPingInterval;

    @Option(names = "--sio-ping-timeout", defaultValue = "20s", description = "Socket.IO ping timeout [SWITCHBOARD_SIO_PING_TIMEOUT]. Default: ${DEFAULT-VALUE}")
    Duration sioPingTimeout;

    @Option(names = "--max-payload", defaultValue = "1048576", description = "Largest SocketCluster message in bytes [SWITCHBOARD_MAX_PAYLOAD]. Default: ${DEFAULT-VALUE}")
    int maxPayload;

    @Option(names = "--max-http-buffer-size", defaultValue = "1000000", description = "Largest Socket.IO message or polling body in bytes [SWITCHBOARD_MAX_HTTP_BUFFER_SIZE]. Default: ${DEFAULT-VALUE}")
    int maxHttpBufferSize;

    @Option(names = "--max-api-body", defaultValue = "1048576", description = "Largest publish API request body in bytes [SWITCHBOARD_MAX_API_BODY]. Default: ${DEFAULT-VALUE}")
    int maxApiBody;

    @Option(names = "--outbound-buffer-limit", defaultValue = "1048576", description = "Bytes queued to one client before it is cut as a slow consumer [SWITCHBOARD_OUTBOUND_BUFFER_LIMIT]. Default: ${DEFAULT-VALUE}")
    int outboundBufferLimit;

    @Option(names = "--api-keys", split = ",", description = "Keys of the publish API, comma separated, 16+ characters each [SWITCHBOARD_API_KEYS]. Default: none, API disabled (404)")
    List<String> apiKeys;

    @Option(names = "--api-key-file", description = "File with more API keys, one per line [SWITCHBOARD_API_KEY_FILE]")
    Path apiKeyFile;

    @Option(names = "--sse-heartbeat", defaultValue = "15s", description = "Interval of SSE keep-alive comments [SWITCHBOARD_SSE_HEARTBEAT]. Default: ${DEFAULT-VALUE}")
    Duration sseHeartbeat;

    @Option(names = "--metrics", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Serve Prometheus metrics at /metrics [SWITCHBOARD_METRICS=true|false]. Default: ${DEFAULT-VALUE}")
    boolean metrics;

    @Option(names = "--demo", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Install the demo app (echo/fail procedures, Socket.IO chat) [SWITCHBOARD_DEMO=true|false]. Default: ${DEFAULT-VALUE}")
    boolean demo;

    @Option(names = "--log-level", defaultValue = "INFO", description = "TRACE, DEBUG, INFO, WARN, ERROR or OFF [SWITCHBOARD_LOG_LEVEL]. Default: ${DEFAULT-VALUE}")
    LogLevel logLevel;

    @Option(names = "--log-format", defaultValue = "TEXT", description = "text, or json (one object per line) [SWITCHBOARD_LOG_FORMAT]. Default: ${DEFAULT-VALUE}")
    LogFormat logFormat;

    @Option(names = "--shutdown-timeout", defaultValue = "10s", description = "How long SIGTERM waits for clients to drain [SWITCHBOARD_SHUTDOWN_TIMEOUT]. Default: ${DEFAULT-VALUE}")
    Duration shutdownTimeout;

    /** Applies the logging options, builds the configuration and starts the server. */
    Standalone start() {
        LogSetup.apply(logLevel, logFormat);
        return Standalone.start(Settings.from(this));
    }

    @Override
    public Integer call() throws InterruptedException {
        Standalone running = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.shutdown(shutdownTimeout);
            stopped.countDown();
        }, "switchboard-shutdown"));
        System.out.println("Switchboard is running: ws://localhost:" + running.port() + scPath
                + " (Ctrl-C to stop)");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** The command line with Switchboard's converters, environment defaults and one-sentence errors. */
    static CommandLine commandLine(Map<String, String> env, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.registerConverter(Duration.class, new Durations());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setDefaultValueProvider(new EnvDefaults(env));
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("switchboard: " + sentence(ex.getMessage() + " (see --help)"));
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean config = ex instanceof ConfigException;
            commandLine.getErr().println("switchboard: " + sentence(config ? ex.getMessage()
                    : "Cannot start: " + ex.getMessage()));
            return config ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
        return cli;
    }

    /** One line ending with a period. */
    static String sentence(String message) {
        String line = String.valueOf(message).strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
        return line.endsWith(".") ? line : line + ".";
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(commandLine(System.getenv(), err).execute(args));
    }
}
