package dev.switchboard.benchmarks.harness;

import dev.switchboard.benchmarks.load.Protocol;
import dev.switchboard.benchmarks.load.ScProtocol;
import dev.switchboard.benchmarks.load.SioProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The servers under test, the adapter each speaks, and how each is launched. */
enum ServerKind {
    SWITCHBOARD("switchboard", ScProtocol::new, "dev.switchboard.benchmarks.servers.SwitchboardBenchServer", null),
    /** Switchboard's Socket.IO endpoint, driven exactly like socket.io. */
    SWITCHBOARD_SIO("switchboard-sio", SioProtocol::new, "dev.switchboard.benchmarks.servers.SwitchboardBenchServer", null),
    SOCKETIO("socket.io", SioProtocol::new, null, "sio-server.js"),
    SOCKETCLUSTER("socketcluster", ScProtocol::new, null, "sc-server.js"),
    BARE_NETTY("bare-netty", ScProtocol::new, "dev.switchboard.benchmarks.servers.BareNettyServer", null);

    final String label;
    private final Supplier<Protocol> protocol;
    private final String jvmMain;
    private final String nodeScript;

    ServerKind(String label, Supplier<Protocol> protocol, String jvmMain, String nodeScript) {
        this.label = label;
        this.protocol = protocol;
        this.jvmMain = jvmMain;
        this.nodeScript = nodeScript;
    }

    Protocol protocol() {
        return protocol.get();
    }

    boolean isJvm() {
        return jvmMain != null;
    }

    /** Whether the official socket.io client (rather than socketcluster-client) validates this server. */
    boolean speaksSocketIo() {
        return this == SOCKETIO || this == SWITCHBOARD_SIO;
    }

    List<String> command(Env env, int port, List<String> extraJvmFlags) {
        List<String> cmd = new ArrayList<>();
        if (env.nice() != 0) {
            cmd.addAll(List.of("nice", "-n", Integer.toString(env.nice())));
        }
        if (env.serverCpu() != null) {
            cmd.addAll(List.of("taskset", "-c", env.serverCpu()));
        }
        if (isJvm()) {
            cmd.add(env.java());
            cmd.add("--enable-native-access=ALL-UNNAMED"); // Netty's epoll library; silences a JDK warning only
            cmd.addAll(env.jvmFlags());
            cmd.addAll(extraJvmFlags);
            cmd.addAll(List.of("-cp", env.classpath(), jvmMain, Integer.toString(port)));
        } else {
            cmd.addAll(List.of("node", "--expose-gc", env.nodeDir().resolve(nodeScript).toString(), Integer.toString(port)));
        }
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
