package io.gammastraddle.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EquityCurveTest {

  private static final long MINUTE = 60_000;

  @Test
  void maxDrawdownIsTheLargestFallFromARunningPeak() {
    // falls: 110 -> 99 is 10 %, 120 -> 114 is 5 %; 100 -> 90 before the peak does not count twice
    EquityCurve curve =
        new EquityCurve(new long[] {0, 1, 2, 3, 4, 5}, new double[] {100, 110, 99, 120, 114, 118});

    assertThat(curve.maxDrawdownPct()).isCloseTo(10, within(1e-12));
    assertThat(curve.drawdownPct())
        .containsExactly(new double[] {0, 0, 10, 0, 5, 100.0 * 2 / 120}, within(1e-12));
  }

  @Test
  void risingCurveHasNoDrawdown() {
    EquityCurve curve = new EquityCurve(new long[] {0, 1}, new double[] {100, 101});

    assertThat(curve.maxDrawdownPct()).isZero();
  }

  @Test
  void sharpeIsAnnualizedFromPerMinuteReturns() {
    // closes 100, 110, 99, 108.9: returns +10 %, -10 %, +10 %; mean 1/30, sample stdev
    // sqrt((2 * (1/15)^2 + (2/15)^2) / 2) = sqrt(3) / 15
    EquityCurve curve =
        new EquityCurve(
            new long[] {0, MINUTE, 2 * MINUTE, 3 * MINUTE}, new double[] {100, 110, 99, 108.9});

    double expected = (1.0 / 30) / (Math.sqrt(3) / 15) * Math.sqrt(525_600);
    assertThat(curve.sharpe()).isCloseTo(expected, within(1e-9)).isCloseTo(209.28, within(0.01));
  }

  @Test
  void minuteClosesTakeTheLastValueAndCarryItOverQuietMinutes() {
    EquityCurve curve =
        new EquityCurve(
            new long[] {10, MINUTE - 1, MINUTE, 3 * MINUTE + 5}, new double[] {1, 2, 3, 4});

    assertThat(curve.minuteCloses()).containsExactly(2, 3, 3, 4);
  }

  @Test
  void sharpeIsZeroWithoutTwoReturnsOrWithoutVariation() {
    assertThat(EquityCurve.annualizedSharpe(new double[] {100, 101})).isZero();
    assertThat(EquityCurve.annualizedSharpe(new double[] {100, 101, 102.01})).isZero();
    assertThat(EquityCurve.annualizedSharpe(new double[0])).isZero();
  }

  @Test
  void curveAddsTheLatestPnlOfEveryUnderlyingByEventTime() {
    EquityCurve curve =
        EquityCurve.of(
            1_000,
            List.of(
                new StatusPoint("BTC", 0, 0, 0, 0),
                new StatusPoint("BTC", 20, 30, 0, 0),
                new StatusPoint("ETH", 10, -5, 0, 0),
                new StatusPoint("ETH", 20, -7, 0, 0)));

    assertThat(curve.times()).containsExactly(0, 10, 20);
    assertThat(curve.equity()).containsExactly(1_000, 995, 1_023);
    assertThat(curve.last()).isEqualTo(1_023);
  }
}
