package io.gammastraddle.chain;

import io.gammastraddle.pricing.Black76;
import io.gammastraddle.pricing.OptionValuation;

/**
 * The at-the-money straddle of the target expiry at one instant: one call and one put at the strike
 * nearest the expiry's forward. Prices are per straddle (one contract of each leg) in coin, as
 * Deribit quotes them; the Greeks are per straddle in Deribit's ticker units (delta per coin of
 * underlying, gamma per 1 USD, vega in USD per volatility point, theta in USD per day), recomputed
 * with the project's Black-76 at each leg's mark volatility, so they add up across positions.
 *
 * @param timestamp the instant (event time, ms) the straddle describes
 * @param impliedVol mean of the legs' mark implied volatilities, a fraction
 * @param quoteTimestamp event time of the older leg's latest ticker
 * @param nearDepthUsd contracts resting near the mid on both legs' books, times the forward (USD of
 *     underlying); NaN while a leg has no usable book
 * @param impactBps cost of buying the impact amount of each leg by walking both books, above the
 *     books' mids, in basis points of the straddle's mid; NaN while a book is missing, stale, or
 *     too thin for the amount
 */
public record AtmStraddle(
    String underlying,
    long timestamp,
    long expiryMillis,
    double strike,
    String call,
    String put,
    double forward,
    double impliedVol,
    double bid,
    double ask,
    double mark,
    double delta,
    double gamma,
    double vega,
    double theta,
    double nearDepthUsd,
    double impactBps,
    long quoteTimestamp) {

  /** The straddle of two priced legs of the same strike and expiry, valued at {@code now}. */
  public static AtmStraddle of(String underlying, long now, OptionQuote call, OptionQuote put) {
    double forward =
        call.tickerTimestamp() >= put.tickerTimestamp() ? call.forward() : put.forward();
    OptionValuation callValue = Black76.value(call.contract(), forward, now, call.markIv());
    OptionValuation putValue = Black76.value(put.contract(), forward, now, put.markIv());
    double bookMids = call.bookMid() + put.bookMid();
    return new AtmStraddle(
        underlying,
        now,
        call.expiryMillis(),
        call.strike(),
        call.instrument(),
        put.instrument(),
        forward,
        (call.markIv() + put.markIv()) / 2,
        call.bid() + put.bid(),
        call.ask() + put.ask(),
        call.markPrice() + put.markPrice(),
        callValue.delta() + putValue.delta(),
        callValue.gamma() + putValue.gamma(),
        callValue.vega() + putValue.vega(),
        callValue.theta() + putValue.theta(),
        (call.nearDepth() + put.nearDepth()) * forward,
        (call.buyPrice() + put.buyPrice() - bookMids) / bookMids * 10_000,
        Math.min(call.tickerTimestamp(), put.tickerTimestamp()));
  }

  /** The straddle's mark value in USD. */
  public double premiumUsd() {
    return mark * forward;
  }

  /**
   * Bid-ask spread of the straddle (sum of the legs' best quotes) over its mid; NaN when one-sided.
   */
  public double relativeSpread() {
    return (ask - bid) / ((ask + bid) / 2);
  }

  /**
   * What a 1% move of the underlying earns through gamma, per unit of premium: 0.5 gamma (0.01 F)^2
   * / premium. Dimensionless, so it compares across price levels and expiries.
   */
  public double gammaPerPremium() {
    double move = 0.01 * forward;
    return 0.5 * gamma * move * move / premiumUsd();
  }
}
