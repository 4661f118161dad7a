package dev.switchboard.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdleScenarioTest {
    @Test
    void c2IsMeasuredOnceTheServerHasTakenSixtyThousandConnections() {
        // 2,500 warm-up + 10,000 for C1 + 5 x 10,000 = 62,500
        assertThat(IdleScenario.c2WarmRounds(10_000)).isEqualTo(5);
        // 4,750 + 19,000 + 2 x 19,000 = 61,750
        assertThat(IdleScenario.c2WarmRounds(19_000)).isEqualTo(2);
        // 12,000 + 48,000: enough already, but never fewer than one
        assertThat(IdleScenario.c2WarmRounds(48_000)).isEqualTo(1);
    }

    @Test
    void smallRunsKeepOneRoundAndLargeOnesAreCapped() {
        assertThat(IdleScenario.c2WarmRounds(100)).isEqualTo(1);
        assertThat(IdleScenario.c2WarmRounds(999)).isEqualTo(1);
        assertThat(IdleScenario.c2WarmRounds(1_000)).isEqualTo(6); // would be 59
    }
}
