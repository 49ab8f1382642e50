package io.gammastraddle.labels;

import java.io.Serializable;

/**
 * Deribit's taker fees as the labels charge them: an option fill pays {@code optionFee} coin per
 * contract, capped at {@code optionCap} of the option's price; a perpetual fill pays {@code
 * perpetualFee} of its notional. Numbers from Deribit's fee page (support.deribit.com, "Fees"), the
 * same the simulator's paper exchange charges.
 */
public record TradingCosts(double optionFee, double optionCap, double perpetualFee)
    implements Serializable {

  public static TradingCosts deribit() {
    return new TradingCosts(0.0003, 0.125, 0.0005);
  }

  /**
   * USD fee of one option contract traded at {@code priceCoin} with the underlying at {@code usd}.
   */
  public double optionFeeUsd(double priceCoin, double usd) {
    return Math.min(optionFee, optionCap * priceCoin) * usd;
  }

  /** USD fee of trading {@code coins} of the perpetual at {@code usd}. */
  public double perpetualFeeUsd(double coins, double usd) {
    return Math.abs(coins) * usd * perpetualFee;
  }
}
