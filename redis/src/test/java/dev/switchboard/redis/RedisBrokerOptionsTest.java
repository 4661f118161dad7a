package dev.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisBrokerOptionsTest {

    @Test
    void defaults() {
        RedisBrokerOptions options = RedisBrokerOptions.builder("redis://localhost:6379").build();
        assertThat(options.mode()).isEqualTo(RedisBrokerOptions.Mode.STANDALONE);
        assertThat(options.shardedPartitions()).isEqualTo(16);
        assertThat(options.commandTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.maxReconnectDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.prefix()).isEqualTo("switchboard");
        assertThat(options.socketIoKey()).isEqualTo("socket.io");
        assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void socketIoSettingsAreValidated() {
        RedisBrokerOptions options = RedisBrokerOptions.builder("redis://h:1").socketIoKey("app.io")
                .requestTimeout(Duration.ofMillis(800)).build();
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThatThrownBy(() -> RedisBrokerOptions.builder("redis://h:1").socketIoKey("a#b").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("socketIoKey");
        assertThatThrownBy(() -> RedisBrokerOptions.builder("redis://h:1").requestTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeout");
    }

    @Test
    void toBuilderRoundTrips() {
        RedisBrokerOptions options = RedisBrokerOptions.builder("rediss://h:1").mode(RedisBrokerOptions.Mode.SHARDED)
                .shardedPartitions(64).commandTimeout(Duration.ofMillis(1500)).maxReconnectDelay(Duration.ofSeconds(3))
                .prefix("app-1.prod").build();
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(options.toBuilder().prefix("x").build().prefix()).isEqualTo("x");
    }

    @Test
    void clusterModesTakeSeedLists() {
        assertThat(RedisBrokerOptions.builder("redis://a:7000,b:7001,c:7002").mode(RedisBrokerOptions.Mode.CLUSTER)
                .build().uri()).contains("b:7001");
    }

    @Test
    void rejectsInvalidValues() {
        assertThatThrownBy(() -> RedisBrokerOptions.builder("localhost:6379").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redis://");
        assertThatThrownBy(() -> RedisBrokerOptions.builder("http://localhost").build())
                .hasMessageContaining("scheme http");
        assertThatThrownBy(() -> RedisBrokerOptions.builder("redis-sentinel://h:26379").mode(RedisBrokerOptions.Mode.SHARDED)
                .build()).hasMessageContaining("not supported in mode SHARDED");
        assertThatThrownBy(() -> RedisBrokerOptions.builder("redis://h").shardedPartitions(0).build())
                .hasMessageContaining("shardedPartitions");
        assertThatThrownBy(() -> RedisBrokerOptions.builder("redis://h").shardedPartitions(16385).build())
                .hasMessageContaining("shardedPartitions");
        assertThatThrownBy(() -> RedisBrokerOptions.builder("redis://h").commandTimeout(Duration.ZERO).build())
                .hasMessageContaining("commandTimeout");
        assertThatThrownBy(() -> RedisBrokerOptions.builder("redis://h").maxReconnectDelay(Duration.ofMillis(10)).build())
                .hasMessageContaining("maxReconnectDelay");
        assertThatThrownBy(() -> RedisBrokerOptions.builder("redis://h").prefix("a{b}").build())
                .hasMessageContaining("prefix");
        assertThatThrownBy(() -> RedisBrokerOptions.builder("redis://h").prefix("").build())
                .hasMessageContaining("prefix");
        assertThatThrownBy(() -> RedisBrokerOptions.builder(null).build()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void passwordsStayOutOfMessagesAndToString() {
        RedisBrokerOptions options = RedisBrokerOptions.builder("redis://user:s3cret@h:6379/0").build();
        assertThat(options.toString()).contains("redis://***@h:6379/0").doesNotContain("s3cret");
        assertThatThrownBy(() -> RedisBrokerOptions.builder("http://:s3cret@h").build())
                .message().doesNotContain("s3cret");
    }
}
