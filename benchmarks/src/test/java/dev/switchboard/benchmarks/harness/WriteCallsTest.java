package dev.switchboard.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WriteCallsTest {
    private static final String REPORT = """
            # started on Mon Dec  7 06:52:19 2026


             Performance counter stats for process id '9527,9528':

                         12      syscalls:sys_enter_write
                       3000      syscalls:sys_enter_writev
                       1000      syscalls:sys_enter_sendto
                  <not counted>      syscalls:sys_enter_sendmsg

                   2.000000000 seconds time elapsed
            """;

    @Test
    void sumsTheFourCallsOverPerfsElapsedTime() {
        assertThat(WriteCalls.parse(REPORT)).hasValue((12 + 3000 + 1000) / 2.0);
    }

    @Test
    void anEventPerfCannotCountMakesNoReading() {
        String report = REPORT.replace("1000      syscalls:sys_enter_sendto", "<not supported>      syscalls:sys_enter_sendto");
        assertThat(WriteCalls.parse(report)).isEmpty();
    }

    @Test
    void aReportWithoutElapsedTimeMakesNoReading() {
        assertThat(WriteCalls.parse(REPORT.replace("seconds time elapsed", ""))).isEmpty();
        assertThat(WriteCalls.parse("")).isEmpty();
    }

    @Test
    void countsAProcessThatWritesWhenPerfCanTrace() throws Exception {
        // A child that writes in a loop: where perf can trace it (as on the benchmark machine), the count is
        // positive; where it cannot, there is no reading at all, never a wrong one.
        Process writer = new ProcessBuilder("sh", "-c", "while :; do echo x; sleep 0.01; done")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            var reading = WriteCalls.start(java.util.List.of(writer.pid()), 0.5)
                    .map(WriteCalls.Counting::callsPerSecond);
            reading.filter(java.util.OptionalDouble::isPresent)
                    .ifPresent(r -> assertThat(r.getAsDouble()).isPositive());
        } finally {
            writer.destroyForcibly();
        }
    }
}
