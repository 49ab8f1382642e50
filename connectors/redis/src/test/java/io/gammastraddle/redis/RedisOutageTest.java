package io.gammastraddle.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

class RedisOutageTest {

  private static final JedisConnectionException REFUSED =
      new JedisConnectionException("Connection refused");

  @Test
  void theWaitDoublesUpToItsCapAndStartsOverAfterTheOutage() {
    RedisOutage outage =
        new RedisOutage(
            RedisStreamSource.<String>builder()
                .setStreamKeys("gsb:control")
                .setDeserializer(new KeyAndCommand())
                .setRetryBackoff(Duration.ofMillis(100))
                .setMaxRetryBackoff(Duration.ofMillis(500))
                .build()
                .settings(),
            "reading");

    List<Duration> waits =
        List.of(
            outage.failed(REFUSED),
            outage.failed(REFUSED),
            outage.failed(REFUSED),
            outage.failed(REFUSED));
    outage.ended();

    assertThat(waits)
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(500));
    assertThat(outage.failed(REFUSED)).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void aLongOutageWaitsAtTheCapWithoutOverflowing() {
    RedisOutage outage =
        new RedisOutage(
            RedisStreamSource.<String>builder()
                .setStreamKeys("gsb:control")
                .setDeserializer(new KeyAndCommand())
                .build()
                .settings(),
            "reading");

    Duration last = Duration.ZERO;
    for (int attempt = 0; attempt < 100; attempt++) {
      last = outage.failed(REFUSED);
    }

    assertThat(last).isEqualTo(Duration.ofSeconds(5));
  }
}
