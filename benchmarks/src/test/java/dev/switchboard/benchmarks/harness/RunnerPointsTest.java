package dev.switchboard.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunnerPointsTest {
    @Test
    void theGeneratorWarmsUpOncePerScenarioExceptC1() {
        Set<String> warmed = new java.util.HashSet<>();
        assertThat(Runner.warmsGenerator("R1", warmed)).isTrue();
        assertThat(Runner.warmsGenerator("R1", warmed)).isFalse();
        assertThat(Runner.warmsGenerator("F1", warmed)).isTrue();
        assertThat(Runner.warmsGenerator("C1", warmed)).isFalse();
        assertThat(warmed).containsExactlyInAnyOrder("R1", "F1");
    }

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

    @Test
    void aRunOfSomePointsReplacesOnlyThoseRows() {
        List<Result> rows = new ArrayList<>(List.of(
                row("F1", "N=5000 size=100", "switchboard"),
                row("F1", "N=19000 size=100", "switchboard"),
                row("F1", "N=19000 size=1000", "switchboard"),
                row("F1", "N=19000 size=100", "socketcluster"),
                row("R1", "100x1", "switchboard")));
        Runner.dropRemeasured(rows, Set.of("F1"), Set.of("switchboard"), "N=19000 size=100$");
        assertThat(rows).extracting(r -> r.point() + " " + r.server()).containsExactly(
                "N=5000 size=100 switchboard", "N=19000 size=1000 switchboard",
                "N=19000 size=100 socketcluster", "100x1 switchboard");
        Runner.dropRemeasured(rows, Set.of("F1"), Set.of("switchboard"), null);
        assertThat(rows).extracting(r -> r.point() + " " + r.server()).containsExactly(
                "N=19000 size=100 socketcluster", "100x1 switchboard");
    }

    private static Result row(String scenario, String point, String server) {
        return new Result(scenario, point, server, 1, Map.of("rate", 1.0));
    }
}
