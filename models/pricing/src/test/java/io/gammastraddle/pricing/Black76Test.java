package io.gammastraddle.pricing;

import static io.gammastraddle.pricing.OptionType.CALL;
import static io.gammastraddle.pricing.OptionType.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class Black76Test {

  private static final double FORWARD = 50_000;

  /** Forward 50,000; strikes 0.5x to 2x; 1 day to 2 years; 20% to 150% volatility. */
  static List<Arguments> markets() {
    List<Arguments> markets = new ArrayList<>();
    for (double moneyness : new double[] {0.5, 0.8, 0.95, 1.0, 1.05, 1.25, 2.0}) {
      for (double days : new double[] {1, 7, 30, 180, 730}) {
        for (double volatility : new double[] {0.2, 0.6, 1.5}) {
          markets.add(Arguments.of(FORWARD * moneyness, days / 365, volatility));
        }
      }
    }
    return markets;
  }

  @ParameterizedTest
  @MethodSource("markets")
  void putCallParityHoldsInUsdAndCoin(double strike, double years, double volatility) {
    OptionValuation call = Black76.value(CALL, FORWARD, strike, years, volatility);
    OptionValuation put = Black76.value(PUT, FORWARD, strike, years, volatility);

    assertThat(call.priceUsd() - put.priceUsd()).isCloseTo(FORWARD - strike, within(1e-10));
    assertThat(call.priceCoin() - put.priceCoin()).isCloseTo(1 - strike / FORWARD, within(1e-15));
    assertThat(call.priceCoin()).isEqualTo(call.priceUsd() / FORWARD);
    assertThat(call.delta() - put.delta()).isCloseTo(1, within(1e-15));
    assertThat(call.premiumAdjustedDelta() - put.premiumAdjustedDelta())
        .isCloseTo(strike / FORWARD, within(1e-15));
    assertThat(put.gamma()).isEqualTo(call.gamma());
    assertThat(put.vega()).isEqualTo(call.vega());
    assertThat(put.theta()).isEqualTo(call.theta());
    assertThat(call.rho() - put.rho()).isCloseTo(strike * years / 100, within(1e-9));
  }

  @ParameterizedTest
  @MethodSource("markets")
  void greeksAreTheDerivativesOfThePrice(double strike, double years, double volatility) {
    for (OptionType type : OptionType.values()) {
      OptionValuation value = Black76.value(type, FORWARD, strike, years, volatility);
      DoubleUnaryOperator byForward =
          f -> Black76.value(type, f, strike, years, volatility).priceUsd();
      DoubleUnaryOperator coinByForward =
          f -> Black76.value(type, f, strike, years, volatility).priceCoin();
      DoubleUnaryOperator byVolatility =
          v -> Black76.value(type, FORWARD, strike, years, v).priceUsd();
      DoubleUnaryOperator byYears =
          t -> Black76.value(type, FORWARD, strike, t, volatility).priceUsd();
      // a hundredth of one standard deviation of the forward
      double bumpF = FORWARD * volatility * Math.sqrt(years) * 1e-2;

      assertNear(value.delta(), centralDifference(byForward, FORWARD, bumpF), 1e-9);
      assertNear(value.gamma(), secondDifference(byForward, FORWARD, bumpF), 1e-10);
      assertNear(
          value.premiumAdjustedDelta(),
          FORWARD * centralDifference(coinByForward, FORWARD, bumpF),
          1e-9);
      assertNear(value.vega(), centralDifference(byVolatility, volatility, 1e-3) / 100, 1e-7);
      // theta is the value lost as one day passes: minus dV/dT (per year) over 365
      assertNear(value.theta(), -centralDifference(byYears, years, years * 1e-3) / 365, 1e-6);
    }
  }

  /**
   * Deribit's rho (verified on its fixtures) is the Black-Scholes rho on the index: bump the rate r
   * with the index S held fixed, so the forward moves to S e^(rT) and the value is discounted by
   * e^(-rT). With r = 0 that is K T N(d2) / 100 for a call, not Black-76's -T V / 100.
   */
  @ParameterizedTest
  @MethodSource("markets")
  void rhoIsTheRateSensitivityWithTheIndexFixed(double strike, double years, double volatility) {
    for (OptionType type : OptionType.values()) {
      DoubleUnaryOperator byRate =
          r ->
              Math.exp(-r * years)
                  * Black76.value(type, FORWARD * Math.exp(r * years), strike, years, volatility)
                      .priceUsd();

      assertNear(
          Black76.value(type, FORWARD, strike, years, volatility).rho(),
          centralDifference(byRate, 0, 1e-3) / 100,
          1e-7);
    }
  }

  /**
   * Hull, Options, Futures, and Other Derivatives, Black's model for futures options: a 4-month
   * European put on crude-oil futures, F = K = 20, r = 9%, sigma = 25%, is worth 1.12. Haug, The
   * Complete Guide to Option Pricing Formulas (2nd ed.), Black-76: F = K = 19, T = 0.75, r = 10%,
   * sigma = 28%, call = put = 1.7011. Both discount by e^(-rT), which Deribit's r = 0 leaves out.
   */
  @ParameterizedTest
  @CsvSource({
    "PUT, 20, 20, 0.3333333333333333, 0.25, 0.09, 1.12, 0.005",
    "CALL, 19, 19, 0.75, 0.28, 0.10, 1.7011, 0.00005",
    "PUT, 19, 19, 0.75, 0.28, 0.10, 1.7011, 0.00005"
  })
  void matchesTextbookValues(
      OptionType type,
      double forward,
      double strike,
      double years,
      double volatility,
      double rate,
      double published,
      double rounding) {
    double undiscounted = Black76.value(type, forward, strike, years, volatility).priceUsd();

    assertThat(undiscounted * Math.exp(-rate * years)).isCloseTo(published, within(rounding));
  }

  @Test
  void coinValuesAreUsdValuesOverTheForward() {
    OptionValuation value = Black76.value(CALL, 30_220.5, 60_000, 0.3286, 0.677);

    assertThat(value.priceCoin() * 30_220.5).isCloseTo(value.priceUsd(), within(1e-12));
    assertThat(value.premiumAdjustedDelta()).isEqualTo(value.delta() - value.priceCoin());
  }

  @Test
  void contractOverloadUsesTimeToTheExpiry() {
    OptionContract contract = OptionContract.parse("BTC-30SEP22-60000-C");
    long now = contract.expiryMillis() - 30 * 86_400_000L;

    assertThat(Black76.value(contract, 30_000, now, 0.7))
        .isEqualTo(Black76.value(CALL, 30_000, 60_000, 30 / 365.0, 0.7));
  }

  @ParameterizedTest
  @CsvSource({
    "CALL, 60000, 1",
    "CALL, 40000, 0",
    "CALL, 50000, 0.5",
    "PUT, 60000, 0",
    "PUT, 40000, -1",
    "PUT, 50000, -0.5"
  })
  void withNoTimeValueLeftTheOptionIsWorthItsIntrinsicValue(
      OptionType type, double forward, double delta) {
    double intrinsic = Math.max(type == CALL ? forward - 50_000 : 50_000 - forward, 0);
    for (OptionValuation value :
        List.of(
            Black76.value(type, forward, 50_000, 0, 0.8),
            Black76.value(type, forward, 50_000, 0.5, 0))) {
      assertThat(value.priceUsd()).isEqualTo(intrinsic);
      assertThat(value.delta()).isEqualTo(delta);
      assertThat(value.gamma()).isZero();
      assertThat(value.vega()).isZero();
      assertThat(value.theta()).isZero();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "0, 50000, 0.1, 0.5",
    "-1, 50000, 0.1, 0.5",
    "NaN, 50000, 0.1, 0.5",
    "50000, 0, 0.1, 0.5",
    "50000, Infinity, 0.1, 0.5",
    "50000, 50000, -0.1, 0.5",
    "50000, 50000, NaN, 0.5",
    "50000, 50000, 0.1, -0.5",
    "50000, 50000, 0.1, Infinity"
  })
  void rejectsInputsOutOfRange(double forward, double strike, double years, double volatility) {
    assertThatThrownBy(() -> Black76.value(CALL, forward, strike, years, volatility))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Five-point stencil, error O(h^4). */
  private static double centralDifference(DoubleUnaryOperator f, double x, double h) {
    return (8 * (f.applyAsDouble(x + h) - f.applyAsDouble(x - h))
            - (f.applyAsDouble(x + 2 * h) - f.applyAsDouble(x - 2 * h)))
        / (12 * h);
  }

  /** Five-point stencil, error O(h^4). */
  private static double secondDifference(DoubleUnaryOperator f, double x, double h) {
    return (16 * (f.applyAsDouble(x + h) + f.applyAsDouble(x - h))
            - (f.applyAsDouble(x + 2 * h) + f.applyAsDouble(x - 2 * h))
            - 30 * f.applyAsDouble(x))
        / (12 * h * h);
  }

  /**
   * Finite differences agree to 1e-6 relative; {@code floor} covers the rounding of a difference of
   * prices (about 1e-16 of the price over the bump), which matters only for Greeks near zero.
   */
  private static void assertNear(double greek, double finiteDifference, double floor) {
    assertThat(greek)
        .isCloseTo(finiteDifference, within(1e-6 * Math.abs(finiteDifference) + floor));
  }
}
