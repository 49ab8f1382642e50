package io.gammastraddle.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.market.Ticker;
import io.gammastraddle.pricing.Black76;
import io.gammastraddle.pricing.OptionContract;
import io.gammastraddle.pricing.OptionValuation;
import org.junit.jupiter.api.Test;

/**
 * Deribit's Greeks against the project's Black-76. The real ticker is line 1 of
 * fixtures/deribit/ws_ticker_option_100ms.json, copied here because this module cannot read the
 * deribit module's fixtures.
 */
class GreeksDivergenceTest {

  /** Line 1: BTC-30SEP22-60000-C at 2022-06-02 09:23:59.367 UTC, far out of the money. */
  private static final Ticker REAL =
      optionTicker(
          "BTC-30SEP22-60000-C", 1_654_161_839_367L, 30_220.5, 67.7, 0.05785, 0.00001, 20.05335);

  /** The at-the-money BTC-15SEP26-77000-C of line 2, 1.3 days before expiry: a large gamma. */
  private static final Ticker NEAR_EXPIRY =
      optionTicker("BTC-15SEP26-77000-C", 1_789_344_931_096L, 76_904.4, 31.2, 0, 0, 0);

  @Test
  void theRealTickerAgreesWithBlack76WithinItsPrintedDecimals() {
    GreeksDivergence divergence = divergence(REAL);

    // Deribit prints 5 decimals and mark_iv 2: measured 8.7e-6 for delta, 8.5e-5 for vega.
    assertThat(divergence.delta()).isLessThan(1e-5);
    assertThat(divergence.vega()).isLessThan(2e-4);
    // A gamma printed as 0.00001 carries no relative precision.
    assertThat(divergence.gamma()).isNaN();
  }

  @Test
  void aTickerWithBlack76sOwnGreeksDoesNotDiverge() {
    OptionValuation own = ownGreeks(NEAR_EXPIRY);

    GreeksDivergence divergence =
        divergence(withGreeks(NEAR_EXPIRY, own.delta(), own.gamma(), own.vega()));

    assertThat(own.gamma()).isGreaterThan(GreeksDivergence.MIN_RELATIVE_GAMMA);
    assertThat(divergence.delta()).isZero();
    assertThat(divergence.gamma()).isZero();
    assertThat(divergence.vega()).isZero();
  }

  @Test
  void aDeltaOffByTwoHundredthsDivergesByThat() {
    GreeksDivergence divergence =
        divergence(withGreeks(REAL, REAL.delta() + 0.02, REAL.gamma(), REAL.vega()));

    assertThat(divergence.delta()).isCloseTo(0.02, within(1e-5));
  }

  @Test
  void gammaAndVegaDivergeRelativeToDeribits() {
    OptionValuation own = ownGreeks(NEAR_EXPIRY);

    GreeksDivergence divergence =
        divergence(withGreeks(NEAR_EXPIRY, own.delta(), own.gamma() * 1.1, own.vega() * 0.8));

    assertThat(divergence.gamma()).isCloseTo(0.1 / 1.1, within(1e-12));
    assertThat(divergence.vega()).isCloseTo(0.2 / 0.8, within(1e-12));
  }

  @Test
  void aVegaBelowHalfADollarHasNoRelativeDivergence() {
    GreeksDivergence divergence = divergence(withGreeks(REAL, REAL.delta(), REAL.gamma(), 0.4));

    assertThat(divergence.vega()).isNaN();
    assertThat(divergence.delta()).isLessThan(1e-5);
  }

  @Test
  void thereIsNoDivergenceWithoutGreeksOrAfterExpiry() {
    long expiry = OptionContract.parse(REAL.instrument()).expiryMillis();

    assertThat(divergence(withGreeks(REAL, Double.NaN, Double.NaN, Double.NaN))).isNull();
    assertThat(divergence(at(REAL, expiry + 1))).isNull();
    assertThat(divergence(at(REAL, expiry))).isNotNull();
    assertThat(
            divergence(
                optionTicker(REAL.instrument(), REAL.timestamp(), 30_220.5, 0, 0.05785, 0, 20)))
        .isNull();
  }

  private static OptionValuation ownGreeks(Ticker ticker) {
    return Black76.value(
        OptionContract.parse(ticker.instrument()),
        ticker.underlyingPrice(),
        ticker.timestamp(),
        ticker.markIv() / 100);
  }

  private static Ticker optionTicker(
      String instrument,
      long timestamp,
      double underlyingPrice,
      double markIv,
      double delta,
      double gamma,
      double vega) {
    return new Ticker(
        instrument,
        "BTC",
        InstrumentKind.OPTION,
        timestamp,
        0.0084,
        29_939.43,
        underlyingPrice,
        0.008,
        2.8,
        0.009,
        18.5,
        markIv,
        67.16,
        68.65,
        delta,
        gamma,
        vega,
        -5.65962,
        4.91491,
        Double.NaN,
        Double.NaN,
        1_767.5,
        16.7,
        Double.NaN,
        -18.1818,
        0);
  }

  private static Ticker withGreeks(Ticker ticker, double delta, double gamma, double vega) {
    return optionTicker(
        ticker.instrument(),
        ticker.timestamp(),
        ticker.underlyingPrice(),
        ticker.markIv(),
        delta,
        gamma,
        vega);
  }

  private static Ticker at(Ticker ticker, long timestamp) {
    return optionTicker(
        ticker.instrument(),
        timestamp,
        ticker.underlyingPrice(),
        ticker.markIv(),
        ticker.delta(),
        ticker.gamma(),
        ticker.vega());
  }

  private static GreeksDivergence divergence(Ticker ticker) {
    return GreeksDivergence.of(OptionTicker.of(ticker), OptionContract.parse(ticker.instrument()));
  }
}
