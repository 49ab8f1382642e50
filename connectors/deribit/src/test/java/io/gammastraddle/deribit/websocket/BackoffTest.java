package io.gammastraddle.deribit.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static Backoff seeded(long seed) {
    return new Backoff(Duration.ofMillis(500), 2, Duration.ofSeconds(30), new Random(seed));
  }

  @Test
  void ceilingDoublesFromHalfASecondAndStopsAtThirtySeconds() {
    Backoff backoff = Backoff.defaults();

    assertThat(IntStream.range(0, 9).mapToObj(backoff::ceiling).map(Duration::toMillis))
        .containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L, 30_000L);
    assertThat(backoff.ceiling(1_000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void everyDelayIsWithinItsAttemptsCeilingAndTheyAreSpreadOut() {
    Backoff backoff = seeded(42);

    for (int attempt = 0; attempt < 12; attempt++) {
      Duration ceiling = backoff.ceiling(attempt);
      int at = attempt;
      List<Duration> delays = IntStream.range(0, 200).mapToObj(i -> backoff.delay(at)).toList();

      assertThat(delays).allMatch(d -> !d.isNegative() && d.compareTo(ceiling) <= 0);
      assertThat(delays.stream().distinct().count()).as("full jitter").isGreaterThan(100);
    }
  }

  @Test
  void delaysGrowOnAverageWithTheAttempt() {
    Backoff backoff = seeded(7);

    double[] means =
        IntStream.range(0, 7)
            .mapToDouble(
                attempt ->
                    IntStream.range(0, 500)
                        .mapToLong(i -> backoff.delay(attempt).toMillis())
                        .average()
                        .orElseThrow())
            .toArray();

    for (int attempt = 1; attempt < means.length; attempt++) {
      assertThat(means[attempt]).isGreaterThan(means[attempt - 1] * 1.5);
    }
    assertThat(means[6]).isBetween(12_000.0, 18_000.0);
  }

  @Test
  void theSameSeedGivesTheSameDelays() {
    Backoff first = seeded(1);
    Backoff second = seeded(1);

    assertThat(IntStream.range(0, 10).mapToObj(first::delay))
        .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(second::delay).toList());
  }

  @Test
  void refusesAShrinkingFactorOrAMaxBelowTheInitialDelay() {
    Random random = new Random(0);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(2), random))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(3), 2, Duration.ofSeconds(2), random))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
