package dev.switchboard.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvTest {
    @Test
    void withoutAnOverrideTheServersGetTheStatedDefaults() {
        assertThat(Env.serverJvmFlags(null)).isEqualTo(Env.DEFAULT_JVM_FLAGS);
        assertThat(Env.serverJvmFlags("  ")).isEqualTo(Env.DEFAULT_JVM_FLAGS);
        assertThat(Env.DEFAULT_JVM_FLAGS).contains("-XX:ActiveProcessorCount=1", "-XX:+UseSerialGC");
    }

    @Test
    void anOverrideReplacesTheFlagsWordByWord() {
        assertThat(Env.serverJvmFlags(" -XX:ActiveProcessorCount=1  -XX:+UseZGC\t-Xmx2g "))
                .containsExactly("-XX:ActiveProcessorCount=1", "-XX:+UseZGC", "-Xmx2g");
    }
}
