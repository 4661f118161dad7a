package dev.switchboard.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunnerPointsTest {
    @Test
    void aPartSelectsEveryLabelContainingIt() {
        assertThat(Runner.matches("F1 N=19000 size=100", "size=100")).isTrue();
        assertThat(Runner.matches("F1 N=19000 size=1000", "size=100")).isTrue();
        assertThat(Runner.matches("F1 N=5000 size=100", "N=19000")).isFalse();
    }

    @Test
    void aPartEndingInADollarMustEndTheLabel() {
        assertThat(Runner.matches("F1 N=19000 size=100", "N=19000 size=100$")).isTrue();
        assertThat(Runner.matches("F1 N=19000 size=1000", "N=19000 size=100$")).isFalse();
        assertThat(Runner.matches("R1 100x1", "100x1$")).isTrue();
        assertThat(Runner.matches("R1 100x10", "100x1$")).isFalse();
    }
}
