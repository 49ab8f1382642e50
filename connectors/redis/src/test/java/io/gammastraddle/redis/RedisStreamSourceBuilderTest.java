package io.gammastraddle.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class RedisStreamSourceBuilderTest {

  @Test
  void aSourceNeedsAStreamKeyAndADeserializer() {
    assertThatThrownBy(() -> RedisStreamSource.<String>builder().setStreamKeys("k").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deserializer is required: call setDeserializer");
    assertThatThrownBy(
            () -> RedisStreamSource.<String>builder().setDeserializer(new KeyAndCommand()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("streamKeys are required: call setStreamKeys");
  }

  @Test
  void settersRefuseNull() {
    RedisStreamSourceBuilder<String> builder = RedisStreamSource.builder();

    assertThatThrownBy(() -> builder.setHost(null)).hasMessage("host");
    assertThatThrownBy(() -> builder.setPassword(null)).hasMessage("password");
    assertThatThrownBy(() -> builder.setStreamKeys((String[]) null)).hasMessage("streamKeys");
    assertThatThrownBy(() -> builder.setStreamKeys("a", null))
        .hasMessage("streamKeys must not contain null");
    assertThatThrownBy(() -> builder.setDeserializer(null)).hasMessage("deserializer");
    assertThatThrownBy(() -> builder.setBlockTime(null)).hasMessage("blockTime");
    assertThatThrownBy(() -> builder.setRetryBackoff(null)).hasMessage("retryBackoff");
    assertThatThrownBy(() -> builder.setMaxRetryBackoff(null)).hasMessage("maxRetryBackoff");
  }

  @Test
  void buildRefusesValuesOutOfRange() {
    assertRefused(builder -> builder.setStreamKeys(), "streamKeys are required");
    assertRefused(builder -> builder.setStreamKeys("a", " "), "streamKeys must not be blank");
    assertRefused(
        builder -> builder.setStreamKeys("a", "b", "a"),
        "streamKeys must not repeat, were [a, b, a]");
    assertRefused(builder -> builder.setHost(" "), "host must not be blank");
    assertRefused(builder -> builder.setPort(0), "port must be 1-65535, was 0");
    assertRefused(builder -> builder.setPort(65_536), "port must be 1-65535, was 65536");
    assertRefused(
        builder -> builder.setMaxEntriesPerRead(0), "maxEntriesPerRead must be positive, was 0");
    // BLOCK 0 would wait forever.
    assertRefused(
        builder -> builder.setBlockTime(Duration.ZERO), "blockTime must be 1 ms to 10 s, was PT0S");
    assertRefused(
        builder -> builder.setBlockTime(Duration.ofSeconds(11)),
        "blockTime must be 1 ms to 10 s, was PT11S");
    assertRefused(
        builder -> builder.setRetryBackoff(Duration.ZERO),
        "retryBackoff must be at least 1 ms, was PT0S");
    assertRefused(
        builder -> builder.setMaxRetryBackoff(Duration.ofMillis(100)),
        "maxRetryBackoff must not be below retryBackoff (PT0.2S), was PT0.1S");
  }

  @Test
  void aBuiltSourceSurvivesJavaSerializationAsFlinkShipsIt() throws Exception {
    RedisStreamSource<String> source =
        RedisStreamSource.<String>builder()
            .setHost("redis.internal")
            .setPort(6380)
            .setPassword("s3cret")
            .setStreamKeys("gsb:control", "gsb:other")
            .setDeserializer(new KeyAndCommand())
            .setMaxEntriesPerRead(10)
            .setBlockTime(Duration.ofMillis(500))
            .setRetryBackoff(Duration.ofMillis(50))
            .setMaxRetryBackoff(Duration.ofSeconds(2))
            .build();

    RedisStreamSource<String> copy = InstantiationUtil.clone(source, getClass().getClassLoader());

    assertThat(copy).hasToString(source.toString());
    assertThat(copy.getProducedType()).isEqualTo(Types.STRING);
    assertThat(copy.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
    assertThat(copy.toString())
        .isEqualTo(
            "RedisStreamSource[RedisStreamSourceSettings[address=redis.internal:6380,"
                + " password=****, streamKeys=[gsb:control, gsb:other], maxEntriesPerRead=10,"
                + " blockTime=PT0.5S, retryBackoff=PT0.05S, maxRetryBackoff=PT2S]]");
  }

  @Test
  void thePasswordNeverShowsInToString() {
    RedisStreamSource<String> source =
        RedisStreamSource.<String>builder()
            .setPassword("s3cret")
            .setStreamKeys("gsb:control")
            .setDeserializer(new KeyAndCommand())
            .build();

    assertThat(source.toString()).doesNotContain("s3cret").contains("password=****");
  }

  private static void assertRefused(
      UnaryOperator<RedisStreamSourceBuilder<String>> configure, String message) {
    RedisStreamSourceBuilder<String> builder =
        RedisStreamSource.<String>builder()
            .setStreamKeys("gsb:control")
            .setDeserializer(new KeyAndCommand());
    assertThatThrownBy(() -> configure.apply(builder).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }
}
