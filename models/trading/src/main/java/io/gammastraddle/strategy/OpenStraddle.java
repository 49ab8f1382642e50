package io.gammastraddle.strategy;

/**
 * A long straddle the strategy holds, with the exits chosen at entry.
 *
 * @param amount contracts of each leg, coin
 * @param expiryMillis the legs' expiry, epoch ms
 * @param premium what the legs cost, entry fees included, in the currency the exit is judged in
 *     (USD, the unit of the training labels: docs/ml.md)
 * @param takeProfit the prediction's take-profit, a fraction of the premium
 * @param stopLoss the prediction's stop-loss, a fraction of the premium, within (0, 1)
 */
public record OpenStraddle(
    String underlying,
    String call,
    String put,
    double amount,
    long expiryMillis,
    double premium,
    double takeProfit,
    double stopLoss) {

  public OpenStraddle {
    if (underlying == null || call == null || put == null) {
      throw new IllegalArgumentException("a straddle needs its underlying and both legs");
    }
    if (!(amount > 0 && amount < Double.POSITIVE_INFINITY)
        || !(premium > 0 && premium < Double.POSITIVE_INFINITY)
        || !(takeProfit > 0 && takeProfit < Double.POSITIVE_INFINITY)
        || !(stopLoss > 0 && stopLoss < 1)) {
      throw new IllegalArgumentException(
          "need amount, premium and take-profit > 0 and finite, stop-loss in (0, 1): amount="
              + amount
              + " premium="
              + premium
              + " takeProfit="
              + takeProfit
              + " stopLoss="
              + stopLoss);
    }
  }
}
