package dev.switchboard.benchmarks.harness;

import dev.switchboard.benchmarks.load.LoadGenerator;
import dev.switchboard.benchmarks.load.Protocol;
import dev.switchboard.benchmarks.load.Sink;
import dev.switchboard.benchmarks.load.WsConn;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * R1/R2: {@code clients} connections each keep {@code inFlight} calls of {@code procedure} outstanding
 * (closed loop: every answer sends the next call), 100 B payloads. Latency is call-to-answer.
 */
final class RpcScenario {
    private RpcScenario() {}

    record Spec(String scenario, String point, int clients, int inFlight, String procedure, int size,
            double warmup, double measure) {}

    /** Event-loop-only state. */
    private static final class State implements Sink {
        final Protocol protocol;
        final Spec spec;
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
        long completed;
        long errors;
        long seq;
        boolean stopped;

        State(Protocol protocol, Spec spec) {
            this.protocol = protocol;
            this.spec = spec;
        }

        void call(WsConn conn) {
            ByteBuf frame = protocol.call(conn, spec.procedure(), seq++, System.nanoTime(), spec.size());
            conn.writeAndFlush(frame);
            conn.pendingAcks++;
        }

        @Override
        public void onAck(WsConn conn, long nanos, boolean error) {
            conn.pendingAcks--;
            if (error || nanos < 0) {
                errors++;
            } else {
                completed++;
                latency.recordValue(Math.max(0, Math.min(System.nanoTime() - nanos, latency.getHighestTrackableValue())));
            }
            if (!stopped) {
                call(conn);
            }
        }
    }

    static Result run(Spec spec, ServerUnderTest server, int repeat) {
        Result.Metrics m = new Result.Metrics();
        try (LoadGenerator gen = new LoadGenerator(server.kind().protocol(), "127.0.0.1", server.ports())) {
            LoadGenerator.Connected c = gen.connect(spec.clients(), 200, Duration.ofSeconds(60));
            m.put("connectFailed", c.failed());
            List<WsConn> conns = c.conns();
            State state = new State(gen.protocol(), spec);
            gen.onLoop(() -> {
                for (WsConn conn : conns) {
                    conn.sink(state);
                    for (int i = 0; i < spec.inFlight(); i++) {
                        state.call(conn);
                    }
                }
            });
            FanOutScenario.sleep(FanOutScenario.warmup(spec.warmup(), server));
            // A cold server (class loading, first JIT) can stall for a while on a loaded machine: the
            // window starts only once it answers, so a short warm-up cannot measure the start-up stall.
            m.put("warmupExtraSeconds", FanOutScenario.waitFor(gen, () -> state.completed >= spec.clients(), 30));
            long c0 = gen.onLoop(() -> {
                state.latency.reset();
                return state.completed;
            });
            Window w = new Window(server);
            FanOutScenario.sleep(spec.measure());
            long c1 = gen.onLoop(() -> state.completed);
            Window.Span span = w.end();
            Histogram h = gen.onLoop(state.latency::copy);
            gen.onLoop(() -> state.stopped = true);
            FanOutScenario.waitFor(gen, () -> conns.stream().allMatch(x -> x.pendingAcks <= 0), 5);
            double done = c1 - c0;
            m.put("rate", done / span.seconds()).put("serverCores", span.serverCores())
                    .put("perCpuS", done / span.serverCpuSeconds()).put("genCores", span.generatorCores())
                    .put("othersOnServerCore", span.othersOnServerCore())
                    .put("othersOnGenCore", span.othersOnGeneratorCore())
                    .put("p50", FanOutScenario.ms(h.getValueAtPercentile(50)))
                    .put("p99", FanOutScenario.ms(h.getValueAtPercentile(99)))
                    .put("p999", FanOutScenario.ms(h.getValueAtPercentile(99.9)))
                    .put("max", FanOutScenario.ms(h.getMaxValue()))
                    .put("errors", gen.onLoop(() -> state.errors))
                    .put("rssMb", server.rssMb());
        }
        return new Result(spec.scenario(), spec.point(), server.kind().label, repeat, m.map);
    }
}
