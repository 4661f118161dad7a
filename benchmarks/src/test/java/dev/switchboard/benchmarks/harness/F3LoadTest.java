package dev.switchboard.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class F3LoadTest {
    @Test
    void aGuessWithinToleranceIsMeasuredOnceAndKept() {
        List<Double> asked = new ArrayList<>();
        F3Load.Load load = F3Load.calibrate(50_000, rate -> {
            asked.add(rate);
            return 0.73;
        });
        assertThat(asked).containsExactly(50_000.0);
        assertThat(load.deliveries()).isEqualTo(50_000);
        assertThat(load.socketIoCores()).isEqualTo(0.73);
        assertThat(load.steps()).isEqualTo(1);
    }

    @Test
    void aBusierSocketIoLowersTheRateUntilItSitsNearTheTarget() {
        // A fixed share plus one proportional to the load: 0.91 cores at the guess, 0.75 one step later.
        F3Load.Probe socketIo = rate -> 0.21 + rate / 100_000;
        F3Load.Load load = F3Load.calibrate(70_000, socketIo);
        assertThat(load.steps()).isBetween(2, F3Load.MAX_STEPS);
        assertThat(load.deliveries()).isLessThan(70_000);
        assertThat(load.socketIoCores()).isCloseTo(socketIo.cores(load.deliveries()), within(1e-9))
                .isCloseTo(F3Load.TARGET_CORES, within(F3Load.TOLERANCE));
        assertThat(load.guess()).isEqualTo(70_000);
    }

    @Test
    void keepsTheMeasuredRateNearestTheTargetWhenNoneIsWithinTolerance() {
        double[] readings = {1.00, 0.40, 0.90};
        int[] i = {0};
        F3Load.Load load = F3Load.calibrate(60_000, rate -> readings[i[0]++]);
        assertThat(i[0]).isEqualTo(3);
        // 60k -> 1.00 cores; x0.7 = 42k -> 0.40; x min(2, 1.75) = 73.5k -> 0.90: 0.90 is nearest 0.70.
        assertThat(load.deliveries()).isCloseTo(73_500, within(1e-6));
        assertThat(load.socketIoCores()).isEqualTo(0.90);
        assertThat(load.steps()).isEqualTo(3);
    }

    @Test
    void aFailedMeasurementFallsBackToTheGuess() {
        F3Load.Load load = F3Load.calibrate(40_000, rate -> Double.NaN);
        assertThat(load.deliveries()).isEqualTo(40_000);
        assertThat(load.steps()).isZero();
        assertThat(load.socketIoCores()).isNaN();
    }

    @Test
    void aGivenLoadIsUsedAsItIsAndMustBePositive() {
        F3Load.Load load = F3Load.given(50_000);
        assertThat(load.deliveries()).isEqualTo(50_000);
        assertThat(load.guess()).isEqualTo(50_000);
        assertThat(load.steps()).isZero();
        assertThat(load.socketIoCores()).isNaN();
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> F3Load.given(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--f3-load");
        }
    }
}
