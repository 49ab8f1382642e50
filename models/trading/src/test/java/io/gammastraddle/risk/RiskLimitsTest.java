package io.gammastraddle.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RiskLimitsTest {

  @Test
  void defaultsAreTheDocumentedValues() {
    RiskLimits limits = RiskLimits.defaults();

    assertThat(limits.maxDeltaCoin()).isEqualTo(1.0);
    assertThat(limits.maxGamma()).isEqualTo(0.002);
    assertThat(limits.maxVegaUsd()).isEqualTo(1_000);
    assertThat(limits.maxPremiumAtRiskUsd()).isEqualTo(50_000);
    assertThat(limits.maxOpenStraddles()).isEqualTo(5);
    assertThat(limits.maxValueAtRiskUsd()).isEqualTo(20_000);
    assertThat(limits.dailyLossLimitUsd()).isEqualTo(10_000);
    assertThat(limits.maxDrawdown()).isEqualTo(0.10);
    assertThat(limits.maxDataAge()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void refusesNonPositiveOrNonFiniteLimits() {
    assertThatThrownBy(
            () -> new RiskLimits(0, 0.002, 1_000, 50_000, 5, 20_000, 10_000, 0.1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxDeltaCoin must be positive and finite, was 0.0");
    assertThatThrownBy(
            () ->
                new RiskLimits(
                    1,
                    0.002,
                    Double.POSITIVE_INFINITY,
                    50_000,
                    5,
                    20_000,
                    10_000,
                    0.1,
                    Duration.ofSeconds(5)))
        .hasMessage("maxVegaUsd must be positive and finite, was Infinity");
    assertThatThrownBy(
            () ->
                new RiskLimits(
                    1, 0.002, 1_000, 50_000, 0, 20_000, 10_000, 0.1, Duration.ofSeconds(5)))
        .hasMessage("maxOpenStraddles must be positive, was 0");
  }

  @Test
  void refusesADrawdownOutsideZeroToOne() {
    assertThatThrownBy(
            () ->
                new RiskLimits(
                    1, 0.002, 1_000, 50_000, 5, 20_000, 10_000, 1.0, Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxDrawdown must be in (0, 1), was 1.0");
  }

  @Test
  void refusesANonPositiveDataAge() {
    assertThatThrownBy(
            () -> new RiskLimits(1, 0.002, 1_000, 50_000, 5, 20_000, 10_000, 0.1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxDataAge must be positive, was PT0S");
  }
}
