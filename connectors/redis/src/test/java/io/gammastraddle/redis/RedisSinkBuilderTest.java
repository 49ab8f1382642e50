package io.gammastraddle.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class RedisSinkBuilderTest {

  private static final RedisSerializer<String> HEARTBEAT =
      value -> List.of(new RedisCommand.SetWithTtl("gsb:heartbeat", value, 30));

  @Test
  void aSinkNeedsASerializer() {
    assertThatThrownBy(() -> RedisSink.<String>builder().build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("setSerializer");
  }

  @Test
  void settersRefuseNull() {
    RedisSinkBuilder<String> builder = RedisSink.builder();

    assertThatThrownBy(() -> builder.setHost(null)).hasMessage("host");
    assertThatThrownBy(() -> builder.setPassword(null)).hasMessage("password");
    assertThatThrownBy(() -> builder.setSerializer(null)).hasMessage("serializer");
    assertThatThrownBy(() -> builder.setMaxBufferTime(null)).hasMessage("maxBufferTime");
    assertThatThrownBy(() -> builder.setRetryBackoff(null)).hasMessage("retryBackoff");
  }

  @Test
  void buildRefusesValuesOutOfRange() {
    assertRefused(builder -> builder.setHost(" "), "host must not be blank");
    assertRefused(builder -> builder.setPort(0), "port must be 1-65535, was 0");
    assertRefused(builder -> builder.setPort(65_536), "port must be 1-65535, was 65536");
    assertRefused(builder -> builder.setMaxBatchSize(0), "maxBatchSize must be positive, was 0");
    assertRefused(
        builder -> builder.setMaxBufferTime(Duration.ZERO), "maxBufferTime must be at least 1 ms");
    assertRefused(builder -> builder.setMaxRetries(-1), "maxRetries must be 0-30, was -1");
    assertRefused(builder -> builder.setMaxRetries(31), "maxRetries must be 0-30, was 31");
    assertRefused(
        builder -> builder.setRetryBackoff(Duration.ofMillis(-1)),
        "retryBackoff must not be negative");
  }

  @Test
  void aBuiltSinkSurvivesJavaSerializationAsFlinkShipsIt() throws Exception {
    RedisSink<String> sink =
        RedisSink.<String>builder()
            .setHost("redis.internal")
            .setPort(6380)
            .setPassword("s3cret")
            .setSerializer(HEARTBEAT)
            .setMaxBatchSize(10)
            .setMaxBufferTime(Duration.ofSeconds(1))
            .setMaxRetries(0)
            .setRetryBackoff(Duration.ZERO)
            .build();

    assertThat(InstantiationUtil.clone(sink)).isInstanceOf(RedisSink.class);
  }

  @Test
  void settingsNeverShowThePassword() {
    RedisSinkSettings settings =
        new RedisSinkSettings(
            "localhost", 6379, "s3cret", 100, Duration.ofMillis(200), 5, Duration.ofMillis(200));

    assertThat(settings.toString()).doesNotContain("s3cret").contains("password=****");
  }

  @Test
  void eachRetryWaitsTwiceAsLongAsTheOneBefore() {
    RedisSinkSettings settings =
        new RedisSinkSettings(
            "localhost", 6379, null, 100, Duration.ofMillis(200), 5, Duration.ofMillis(200));

    assertThat(
            List.of(
                settings.backoffBefore(0), settings.backoffBefore(1), settings.backoffBefore(4)))
        .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(3200));
  }

  private static void assertRefused(Consumer<RedisSinkBuilder<String>> change, String message) {
    RedisSinkBuilder<String> builder = RedisSink.<String>builder().setSerializer(HEARTBEAT);
    change.accept(builder);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
