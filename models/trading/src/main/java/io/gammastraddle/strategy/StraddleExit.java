package io.gammastraddle.strategy;

import java.time.Duration;

/**
 * When to sell a held straddle (issue 7, "Exits"), checked in this order:
 *
 * <ol>
 *   <li>take-profit: value + hedge P&L >= premium x (1 + takeProfit);
 *   <li>stop-loss: value + hedge P&L <= premium x (1 - stopLoss);
 *   <li>time: less than {@code minTimeToExpiry} left before the legs expire, whatever the P&L.
 * </ol>
 *
 * <p><b>The hedge's P&L counts.</b> The take-profit and stop-loss are predictions of the best and
 * worst <em>hedged</em> P&L over the premium (the labels follow the straddle with its delta hedge:
 * docs/ml.md, {@code Candidate}), so the exit compares the same quantity. Without it, a trend would
 * take "profit" on the straddle's value that the short hedge has already given back. With no hedge
 * (hedge P&L 0) the rules read as value >= premium x (1 + tp) and value <= premium x (1 - sl).
 *
 * <p>Exit fees are not deducted (0.0003 coin per leg against an ATM premium of a few hundredths of
 * a coin: about 1% of it); the labels deduct them, so the live exit is slightly more eager.
 *
 * @param minTimeToExpiry close before the last stretch, where gamma and theta explode and the books
 *     thin out
 */
public record StraddleExit(Duration minTimeToExpiry) {

  public StraddleExit {
    if (minTimeToExpiry == null || minTimeToExpiry.isNegative()) {
      throw new IllegalArgumentException("minimum time to expiry must be >= 0: " + minTimeToExpiry);
    }
  }

  /**
   * The decision for {@code straddle} at {@code now}.
   *
   * @param value the legs' value at their marks, in the premium's currency
   * @param hedgePnl the hedge's P&L since entry after its fees, same currency (0 without a hedge)
   * @throws IllegalArgumentException if {@code value} or {@code hedgePnl} is not finite, or the
   *     value is negative
   */
  public ExitDecision decide(OpenStraddle straddle, double value, double hedgePnl, long now) {
    if (!(value >= 0 && value < Double.POSITIVE_INFINITY) || !Double.isFinite(hedgePnl)) {
      throw new IllegalArgumentException(
          "need a value >= 0 and a finite hedge P&L: value=" + value + " hedgePnl=" + hedgePnl);
    }
    double pnlOverPremium = (value + hedgePnl - straddle.premium()) / straddle.premium();
    Duration timeToExpiry = Duration.ofMillis(straddle.expiryMillis() - now);
    ExitAction action;
    if (pnlOverPremium >= straddle.takeProfit()) {
      action = ExitAction.TAKE_PROFIT;
    } else if (pnlOverPremium <= -straddle.stopLoss()) {
      action = ExitAction.STOP_LOSS;
    } else if (timeToExpiry.compareTo(minTimeToExpiry) < 0) {
      action = ExitAction.TIME_TO_EXPIRY;
    } else {
      action = ExitAction.HOLD;
    }
    return new ExitDecision(action, pnlOverPremium, timeToExpiry);
  }
}
