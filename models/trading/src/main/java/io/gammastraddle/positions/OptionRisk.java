package io.gammastraddle.positions;

import io.gammastraddle.pricing.Black76;
import io.gammastraddle.pricing.OptionContract;
import io.gammastraddle.pricing.OptionValuation;

/**
 * One option contract's price and Greeks in Deribit's ticker units (DESIGN section 15), the inputs
 * of {@link PortfolioGreeks}: either Deribit's own ticker values (the constructor: {@code
 * mark_price} and {@code greeks}) or the project's Black-76 ({@link #black76}).
 *
 * @param priceCoin the option's price in coin (Deribit's {@code mark_price})
 * @param delta N(d1) for calls, N(d1) - 1 for puts, not premium-adjusted (the ticker's {@code
 *     delta})
 * @param gamma per 1 USD of the forward
 * @param vega USD per volatility point
 * @param theta USD per calendar day
 */
public record OptionRisk(double priceCoin, double delta, double gamma, double vega, double theta) {

  public OptionRisk {
    if (!(priceCoin >= 0)
        || !Double.isFinite(priceCoin)
        || !Double.isFinite(delta)
        || !Double.isFinite(gamma)
        || !Double.isFinite(vega)
        || !Double.isFinite(theta)) {
      throw new IllegalArgumentException(
          "price must be >= 0 and every Greek finite: price="
              + priceCoin
              + " delta="
              + delta
              + " gamma="
              + gamma
              + " vega="
              + vega
              + " theta="
              + theta);
    }
  }

  public static OptionRisk of(OptionValuation valuation) {
    return new OptionRisk(
        valuation.priceCoin(),
        valuation.delta(),
        valuation.gamma(),
        valuation.vega(),
        valuation.theta());
  }

  /**
   * The option named {@code instrument} priced by the project's Black-76 at {@code nowMillis}.
   *
   * @param forward the expiry's forward in USD (the ticker's {@code underlying_price})
   * @param impliedVol a fraction ({@code mark_iv} / 100)
   * @throws IllegalArgumentException if the name is not an option's, the option has expired, or an
   *     input is out of range
   */
  public static OptionRisk black76(
      String instrument, double forward, double impliedVol, long nowMillis) {
    return of(Black76.value(OptionContract.parse(instrument), forward, nowMillis, impliedVol));
  }

  /**
   * Delta minus the coin price: the option's exposure in coin when its value is counted in coin,
   * Deribit's "net transaction delta" (DESIGN section 15).
   */
  public double premiumAdjustedDelta() {
    return delta - priceCoin;
  }
}
