package io.gammastraddle.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.chain.AtmStraddle;
import org.junit.jupiter.api.Test;

class ExposureTest {

  /** Legs bid 0.06 / ask 0.062 coin together, forward 60,000; Greeks per straddle. */
  private static AtmStraddle straddle(double ask) {
    return new AtmStraddle(
        "BTC",
        1_000,
        2_000_000,
        60_000,
        "BTC-9JAN27-60000-C",
        "BTC-9JAN27-60000-P",
        60_000,
        0.55,
        0.06,
        ask,
        0.061,
        0.1,
        0.0001,
        120,
        -80,
        1e6,
        150,
        1_000);
  }

  @Test
  void aStraddleScalesItsGreeksByTheAmountAndRisksItsPremiumAtTheAsk() {
    Exposure exposure = Exposure.ofStraddle(straddle(0.062), 0.5);

    assertThat(exposure.delta()).isCloseTo(0.05, within(1e-12));
    assertThat(exposure.gamma()).isCloseTo(0.00005, within(1e-15));
    assertThat(exposure.vega()).isCloseTo(60, within(1e-9));
    assertThat(exposure.theta()).isCloseTo(-40, within(1e-9));
    // 0.062 coin * 60,000 USD * 0.5 = 1,860 USD
    assertThat(exposure.premiumAtRiskUsd()).isCloseTo(1_860, within(1e-9));
    assertThat(exposure.openStraddles()).isEqualTo(1);
  }

  @Test
  void aStraddleWithoutAnAskIsRefused() {
    assertThatThrownBy(() -> Exposure.ofStraddle(straddle(0), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs an ask and a forward");
  }

  @Test
  void plusAddsEveryMeasureAndNegateClosesThePosition() {
    Exposure book = new Exposure(0.2, 0.001, 500, -300, 20_000, 3);
    Exposure entry = new Exposure(0.05, 0.0002, 60, -40, 1_860, 1);

    Exposure after = book.plus(entry);

    assertThat(after.delta()).isCloseTo(0.25, within(1e-15));
    assertThat(after.gamma()).isCloseTo(0.0012, within(1e-18));
    assertThat(after.vega()).isEqualTo(560);
    assertThat(after.theta()).isEqualTo(-340);
    assertThat(after.premiumAtRiskUsd()).isEqualTo(21_860);
    assertThat(after.openStraddles()).isEqualTo(4);
    assertThat(book.plus(book.negate())).isEqualTo(Exposure.NONE);
  }

  @Test
  void aHedgeChangesDeltaOnly() {
    assertThat(Exposure.ofHedge(-0.3)).isEqualTo(new Exposure(-0.3, 0, 0, 0, 0, 0));
  }

  @Test
  void nonFiniteMeasuresAreRefused() {
    assertThatThrownBy(() -> new Exposure(Double.NaN, 0, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("exposure must be finite: delta NaN");
  }
}
