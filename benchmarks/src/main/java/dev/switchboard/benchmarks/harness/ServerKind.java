package dev.switchboard.benchmarks.harness;

import dev.switchboard.benchmarks.load.Protocol;
import dev.switchboard.benchmarks.load.ScProtocol;
import dev.switchboard.benchmarks.load.SioProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The servers under test, the adapter each speaks, and how each is launched. */
enum ServerKind {
    SWITCHBOARD("switchboard", ScProtocol::new, "dev.switchboard.benchmarks.servers.SwitchboardBenchServer", null, 1),
    /** Switchboard's Socket.IO endpoint, driven exactly like socket.io. */
    SWITCHBOARD_SIO("switchboard-sio", SioProtocol::new, "dev.switchboard.benchmarks.servers.SwitchboardBenchServer", null, 1),
    /** Two Switchboard nodes (SocketCluster endpoint) with the Redis broker on one harness-started redis-server. */
    SWITCHBOARD_REDIS2("switchboard-redis2", ScProtocol::new, "dev.switchboard.benchmarks.servers.SwitchboardBenchServer", null, 2),
    SOCKETIO("socket.io", SioProtocol::new, null, "sio-server.js", 1),
    SOCKETCLUSTER("socketcluster", ScProtocol::new, null, "sc-server.js", 1),
    BARE_NETTY("bare-netty", ScProtocol::new, "dev.switchboard.benchmarks.servers.BareNettyServer", null, 1),
    /**
     * The three JVM servers on io_uring, for comparing transports within one run; the kinds above run on
     * native epoll, the servers' default (io_uring is opt-in; ServerLoops says why).
     */
    SWITCHBOARD_URING("switchboard-uring", ScProtocol::new, "dev.switchboard.benchmarks.servers.SwitchboardBenchServer", null, 1),
    SWITCHBOARD_SIO_URING("switchboard-sio-uring", SioProtocol::new, "dev.switchboard.benchmarks.servers.SwitchboardBenchServer", null, 1),
    BARE_NETTY_URING("bare-netty-uring", ScProtocol::new, "dev.switchboard.benchmarks.servers.BareNettyServer", null, 1);

    private static final String URING_SUFFIX = "-uring";
    // Named even for the default, so a row says what it measured whatever the default becomes.
    private static final String EPOLL = "-Dswitchboard.transport=epoll";
    private static final String IO_URING = "-Dswitchboard.transport=io_uring";

    final String label;
    private final Supplier<Protocol> protocol;
    private final String jvmMain;
    private final String nodeScript;
    private final int nodes;

    ServerKind(String label, Supplier<Protocol> protocol, String jvmMain, String nodeScript, int nodes) {
        this.label = label;
        this.protocol = protocol;
        this.jvmMain = jvmMain;
        this.nodeScript = nodeScript;
        this.nodes = nodes;
    }

    /** Server processes of one deployment; more than one means nodes sharing a Redis. */
    int nodes() {
        return nodes;
    }

    /** Starts a fresh deployment of this kind; the first (or only) node listens on {@code port}. */
    ServerUnderTest start(Env env, int port) {
        return nodes > 1 ? RedisNodes.start(this, env, port) : ServerProcess.start(this, env, port, List.of());
    }

    Protocol protocol() {
        return protocol.get();
    }

    boolean isJvm() {
        return jvmMain != null;
    }

    /** Whether a run that names no servers includes this kind (not the transport comparisons). */
    boolean inDefaultRun() {
        return !onUring();
    }

    /** Whether this is one of the {@code -uring} kinds, a JVM server asked to run on io_uring. */
    boolean onUring() {
        return label.endsWith(URING_SUFFIX);
    }

    /**
     * Whether counting write-family system calls ({@link WriteCalls}) sees this server's writes: io_uring
     * submits them without such calls, so the {@code -uring} kinds count only where io_uring does not
     * load (the harness runs on the same kernel and Netty build as they do).
     */
    boolean writesCountable() {
        return !onUring() || !io.netty.channel.uring.IoUring.isAvailable();
    }

    /** Whether the official socket.io client (rather than socketcluster-client) validates this server. */
    boolean speaksSocketIo() {
        return this == SOCKETIO || this == SWITCHBOARD_SIO || this == SWITCHBOARD_SIO_URING;
    }

    List<String> command(Env env, int port, List<String> extraJvmFlags, List<String> appArgs) {
        List<String> cmd = new ArrayList<>(env.launchPrefix());
        if (isJvm()) {
            cmd.add(env.java());
            cmd.add("--enable-native-access=ALL-UNNAMED"); // Netty's native transports; silences a JDK warning only
            cmd.addAll(env.jvmFlags());
            cmd.addAll(extraJvmFlags);
            cmd.add(onUring() ? IO_URING : EPOLL);
            cmd.addAll(List.of("-cp", env.classpath(), jvmMain, Integer.toString(port)));
        } else {
            cmd.addAll(List.of("node", "--expose-gc", env.nodeDir().resolve(nodeScript).toString(), Integer.toString(port)));
        }
        cmd.addAll(appArgs);
        return cmd;
    }

    static ServerKind byLabel(String label) {
        for (ServerKind k : values()) {
            if (k.label.equalsIgnoreCase(label) || k.name().equalsIgnoreCase(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown server " + label);
    }
}
