package dev.switchboard.benchmarks.harness;

/**
 * CPU and wall-clock readings at the start of a measured window; {@link #end} turns them into
 * rates. Server CPU is the whole server process (for a cluster, the sum of its nodes and its Redis);
 * generator CPU is this (harness) process, so a value near 1.0 core means the generator, not the
 * server, limited the point.
 */
final class Window {
    private final ServerUnderTest server;
    private final long startNanos = System.nanoTime();
    private final double serverCpu0;
    private final double genCpu0;
    private final double serverCoreBusy0;
    private final double genCoreBusy0;

    /** The CPUs the servers and the generator are pinned to (run.sh: 1 and 0). */
    static final int SERVER_CPU = 1;
    static final int GENERATOR_CPU = 0;

    Window(ServerUnderTest server) {
        this.server = server;
        this.serverCpu0 = server.cpuSeconds();
        this.genCpu0 = Proc.cpuSeconds(Proc.self());
        this.serverCoreBusy0 = Proc.cpuBusySeconds(SERVER_CPU);
        this.genCoreBusy0 = Proc.cpuBusySeconds(GENERATOR_CPU);
    }

    /** Readings over the window. */
    /**
     * Readings over the window. {@code othersOnServerCore}/{@code othersOnGeneratorCore}: how much of
     * each pinned core other processes (not ours) used, the noise of a shared machine made visible.
     */
    record Span(double seconds, double serverCpuSeconds, double generatorCores,
            double othersOnServerCore, double othersOnGeneratorCore) {
        double serverCores() {
            return serverCpuSeconds / seconds;
        }
    }

    Span end() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double serverCpu = server.cpuSeconds() - serverCpu0;
        double genCores = (Proc.cpuSeconds(Proc.self()) - genCpu0) / seconds;
        double serverCoreBusy = (Proc.cpuBusySeconds(SERVER_CPU) - serverCoreBusy0) / seconds;
        double genCoreBusy = (Proc.cpuBusySeconds(GENERATOR_CPU) - genCoreBusy0) / seconds;
        return new Span(seconds, serverCpu, genCores, others(serverCoreBusy, serverCpu / seconds),
                others(genCoreBusy, genCores));
    }

    // Now and then this VM's /proc/stat per-CPU counters jump (readings of 3-5 busy cores for one core):
    // such a window says nothing about other processes, so it reads as unknown.
    private static double others(double coreBusy, double ours) {
        return coreBusy > MAX_CORE_SHARE ? Double.NaN : Math.max(0, coreBusy - ours);
    }

    private static final double MAX_CORE_SHARE = 1.05;

    /** Whether a stored "others on ... core" reading is one of those jumps (rows written before this check). */
    static boolean isImpossibleCoreShare(String metric, double value) {
        return metric.startsWith("othersOn") && value > MAX_CORE_SHARE;
    }
}
