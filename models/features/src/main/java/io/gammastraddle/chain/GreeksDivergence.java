package io.gammastraddle.chain;

import io.gammastraddle.pricing.Black76;
import io.gammastraddle.pricing.OptionContract;
import io.gammastraddle.pricing.OptionValuation;

/**
 * How far the project's Black-76 Greeks are from the ones Deribit publishes in an option's ticker,
 * both at the ticker's forward, instant and mark volatility. A growing divergence means the two
 * disagree on the model or its inputs (time to expiry, volatility units), so the positions' risk
 * computed here would not be the exchange's.
 *
 * @param delta absolute difference of the deltas
 * @param gamma difference of the gammas relative to Deribit's; NaN when Deribit's gamma is below
 *     {@link #MIN_RELATIVE_GAMMA}, where its five printed decimals leave no relative precision
 * @param vega difference of the vegas relative to Deribit's; NaN when Deribit's vega is below
 *     {@link #MIN_RELATIVE_VEGA} USD
 */
public record GreeksDivergence(double delta, double gamma, double vega) {

  public static final double MIN_RELATIVE_GAMMA = 1e-4;
  public static final double MIN_RELATIVE_VEGA = 0.5;

  /**
   * The divergence for one ticker of the option {@code contract} (the terms its name gives; the
   * chain has them parsed already), or null when the ticker has no Greeks or no mark volatility, or
   * the option has expired.
   */
  public static GreeksDivergence of(OptionTicker ticker, OptionContract contract) {
    if (!(ticker.markIv() > 0 && ticker.forward() > 0)
        || Double.isNaN(ticker.delta())
        || ticker.timestamp() > contract.expiryMillis()) {
      return null;
    }
    OptionValuation own =
        Black76.value(contract, ticker.forward(), ticker.timestamp(), ticker.markIv() / 100);
    return new GreeksDivergence(
        Math.abs(own.delta() - ticker.delta()),
        relative(own.gamma(), ticker.gamma(), MIN_RELATIVE_GAMMA),
        relative(own.vega(), ticker.vega(), MIN_RELATIVE_VEGA));
  }

  private static double relative(double own, double deribit, double smallest) {
    return Math.abs(deribit) >= smallest ? Math.abs(own - deribit) / Math.abs(deribit) : Double.NaN;
  }
}
