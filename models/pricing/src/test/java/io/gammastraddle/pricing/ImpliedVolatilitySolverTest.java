package io.gammastraddle.pricing;

import static io.gammastraddle.pricing.ImpliedVolatility.Status.EXPIRED;
import static io.gammastraddle.pricing.ImpliedVolatility.Status.INVALID_INPUT;
import static io.gammastraddle.pricing.ImpliedVolatility.Status.NO_CONVERGENCE;
import static io.gammastraddle.pricing.ImpliedVolatility.Status.PRICE_AT_OR_ABOVE_UPPER_BOUND;
import static io.gammastraddle.pricing.ImpliedVolatility.Status.PRICE_BELOW_INTRINSIC;
import static io.gammastraddle.pricing.ImpliedVolatility.Status.SOLVED;
import static io.gammastraddle.pricing.OptionType.CALL;
import static io.gammastraddle.pricing.OptionType.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ImpliedVolatilitySolverTest {

  private static final double FORWARD = 50_000;
  private static final ImpliedVolatilitySolver SOLVER = ImpliedVolatilitySolver.DEFAULT;

  /**
   * Strikes 0.3x to 3x the forward, 1 hour to 2 years, 5% to 300% volatility, calls and puts, as
   * long as the out-of-the-money price is at least 1e-12 coin: below that the rounding of the price
   * itself, not the solver, decides how well the volatility can be recovered.
   */
  static List<Arguments> quotes() {
    List<Arguments> quotes = new ArrayList<>();
    for (double moneyness : new double[] {0.3, 0.5, 0.8, 0.95, 1.0, 1.05, 1.25, 2.0, 3.0}) {
      for (double days : new double[] {1 / 24.0, 1, 7, 30, 180, 730}) {
        for (double volatility : new double[] {0.05, 0.2, 0.6, 1.5, 3.0}) {
          double strike = FORWARD * moneyness;
          double years = days / 365;
          OptionType outOfTheMoney = strike >= FORWARD ? CALL : PUT;
          if (Black76.value(outOfTheMoney, FORWARD, strike, years, volatility).priceCoin()
              >= 1e-12) {
            for (OptionType type : OptionType.values()) {
              quotes.add(Arguments.of(type, strike, years, volatility));
            }
          }
        }
      }
    }
    return quotes;
  }

  @ParameterizedTest(name = "{0} K={1} T={2} vol={3}")
  @MethodSource("quotes")
  void recoversTheVolatilityThatPricedTheOption(
      OptionType type, double strike, double years, double volatility) {
    OptionValuation value = Black76.value(type, FORWARD, strike, years, volatility);

    ImpliedVolatility implied =
        SOLVER.fromCoinPrice(type, FORWARD, strike, years, value.priceCoin());

    // F N(d1) - K N(d2) is rounded to about one ulp of F + K: that moves the volatility by that
    // much over vega (in USD per unit of volatility), which matters only for tiny time values
    double priceUncertainty = Math.ulp(FORWARD + strike) / (value.vega() * 100);
    assertThat(implied.status()).isEqualTo(SOLVED);
    assertThat(implied.volatility()).isCloseTo(volatility, within(1e-9 + priceUncertainty));
    assertThat(implied.iterations()).isBetween(1, 8);
  }

  @Test
  void solvesRealisticQuotesInAtMostSixSteps() {
    for (double moneyness : new double[] {0.5, 0.7, 0.9, 1.0, 1.1, 1.4, 2.0}) {
      for (double days : new double[] {1, 7, 30, 90, 365}) {
        for (double volatility : new double[] {0.3, 0.5, 0.8, 1.2}) {
          double strike = FORWARD * moneyness;
          OptionType type = strike >= FORWARD ? CALL : PUT;
          double price = Black76.value(type, FORWARD, strike, days / 365, volatility).priceCoin();
          if (price >= 1e-4) { // Deribit's smallest option price
            assertThat(SOLVER.fromCoinPrice(type, FORWARD, strike, days / 365, price).iterations())
                .as("K/F %s, %s days, vol %s", moneyness, days, volatility)
                .isBetween(1, 6);
          }
        }
      }
    }
  }

  @Test
  void usdAndCoinPricesGiveTheSameVolatility() {
    OptionValuation value = Black76.value(PUT, FORWARD, 45_000, 0.1, 0.65);

    assertThat(SOLVER.fromUsdPrice(PUT, FORWARD, 45_000, 0.1, value.priceUsd()).volatility())
        .isCloseTo(
            SOLVER.fromCoinPrice(PUT, FORWARD, 45_000, 0.1, value.priceCoin()).volatility(),
            within(1e-12));
  }

  @ParameterizedTest
  @CsvSource({"CALL, 60000, 0", "CALL, 40000, 0.2", "PUT, 60000, 0.2", "PUT, 40000, 0"})
  void aPriceAtIntrinsicValueMeansZeroVolatility(
      OptionType type, double strike, double intrinsicCoin) {
    ImpliedVolatility implied = SOLVER.fromCoinPrice(type, FORWARD, strike, 0.1, intrinsicCoin);

    assertThat(implied).isEqualTo(new ImpliedVolatility(SOLVED, 0, 0));
  }

  @ParameterizedTest
  @CsvSource({
    "CALL, 40000, 0.19",
    "CALL, 60000, -0.0001",
    "PUT, 60000, 0.1999",
    "PUT, 40000, -Infinity"
  })
  void reportsAPriceBelowIntrinsicValue(OptionType type, double strike, double priceCoin) {
    assertThat(SOLVER.fromCoinPrice(type, FORWARD, strike, 0.1, priceCoin).status())
        .isEqualTo(PRICE_BELOW_INTRINSIC);
  }

  @ParameterizedTest
  @CsvSource({
    "CALL, 40000, 1.0", // a call is worth less than the underlying
    "CALL, 60000, Infinity",
    "PUT, 60000, 1.2", // a put is worth less than its strike: 60000 / 50000
    "PUT, 40000, 0.9"
  })
  void reportsAPriceAtOrAboveTheUpperBound(OptionType type, double strike, double priceCoin) {
    ImpliedVolatility implied = SOLVER.fromCoinPrice(type, FORWARD, strike, 0.1, priceCoin);

    assertThat(implied.status()).isEqualTo(PRICE_AT_OR_ABOVE_UPPER_BOUND);
    assertThat(implied.volatility()).isNaN();
    assertThat(implied.isSolved()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"0", "-0.01"})
  void reportsAnExpiredOption(double years) {
    assertThat(SOLVER.fromCoinPrice(CALL, FORWARD, 50_000, years, 0.01).status())
        .isEqualTo(EXPIRED);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 50000, 0.1, 0.01",
    "Infinity, 50000, 0.1, 0.01",
    "50000, -1, 0.1, 0.01",
    "50000, NaN, 0.1, 0.01",
    "50000, 50000, NaN, 0.01",
    "50000, 50000, Infinity, 0.01",
    "50000, 50000, 0.1, NaN"
  })
  void reportsInvalidInput(double forward, double strike, double years, double priceCoin) {
    assertThat(SOLVER.fromCoinPrice(CALL, forward, strike, years, priceCoin).status())
        .isEqualTo(INVALID_INPUT);
    assertThat(SOLVER.fromCoinPrice(null, FORWARD, 50_000, 0.1, 0.01).status())
        .isEqualTo(INVALID_INPUT);
  }

  @Test
  void reportsNoConvergenceWhenTheIterationsRunOut() {
    double price = Black76.value(CALL, FORWARD, 70_000, 0.25, 0.8).priceCoin();
    ImpliedVolatilitySolver hurried = new ImpliedVolatilitySolver(1e-10, 1);

    ImpliedVolatility implied = hurried.fromCoinPrice(CALL, FORWARD, 70_000, 0.25, price);

    assertThat(implied.status()).isEqualTo(NO_CONVERGENCE);
    assertThat(implied.iterations()).isEqualTo(1);
    assertThat(SOLVER.fromCoinPrice(CALL, FORWARD, 70_000, 0.25, price).volatility())
        .isCloseTo(0.8, within(1e-10));
  }

  @Test
  void aLooserToleranceStopsEarlier() {
    double price = Black76.value(CALL, FORWARD, 70_000, 0.25, 0.8).priceCoin();

    ImpliedVolatility loose =
        new ImpliedVolatilitySolver(1e-2, 100).fromCoinPrice(CALL, FORWARD, 70_000, 0.25, price);

    assertThat(loose.iterations())
        .isLessThan(SOLVER.fromCoinPrice(CALL, FORWARD, 70_000, 0.25, price).iterations());
    assertThat(loose.volatility()).isCloseTo(0.8, within(1e-2));
  }

  @Test
  void rejectsANonsensicalSolver() {
    assertThatThrownBy(() -> new ImpliedVolatilitySolver(0, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ImpliedVolatilitySolver(1e-10, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aResultIsEitherSolvedWithAVolatilityOrFailedWithout() {
    assertThatThrownBy(() -> new ImpliedVolatility(SOLVED, Double.NaN, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ImpliedVolatility(NO_CONVERGENCE, 0.5, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
