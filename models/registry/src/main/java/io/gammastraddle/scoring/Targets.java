package io.gammastraddle.scoring;

import static io.gammastraddle.scoring.OutputRanges.MAX_SIZE;
import static io.gammastraddle.scoring.OutputRanges.MAX_STOP_LOSS;
import static io.gammastraddle.scoring.OutputRanges.MAX_TAKE_PROFIT;
import static io.gammastraddle.scoring.OutputRanges.MIN_SIZE;
import static io.gammastraddle.scoring.OutputRanges.MIN_STOP_LOSS;
import static io.gammastraddle.scoring.OutputRanges.MIN_TAKE_PROFIT;
import static io.gammastraddle.scoring.OutputRanges.clip;

/**
 * The three models' targets, derived from a sample's outcomes alone (docs/ml.md, DESIGN section 8),
 * each clipped to the range the strategy accepts. The trainer fits to them and the job measures a
 * model's health against them.
 *
 * <ul>
 *   <li>take-profit = the maximum favourable excursion, within [0.1, 0.5] of the premium;
 *   <li>stop-loss = the maximum adverse excursion, within [0.05, 0.2];
 *   <li>size = half-Kelly on the hedged P&L per unit of risk taken (the adverse excursion, at least
 *       the smallest stop): 0.02 + 0.13 x clamp(0.5 x pnl / risk, 0, 1), so a losing entry gets the
 *       minimum size and one that earned twice its risk the maximum.
 * </ul>
 */
public final class Targets {

  static final double KELLY_FRACTION = 0.5;

  private Targets() {}

  public static double takeProfit(double maxFavourable) {
    return clip(maxFavourable, MIN_TAKE_PROFIT, MAX_TAKE_PROFIT);
  }

  public static double stopLoss(double maxAdverse) {
    return clip(maxAdverse, MIN_STOP_LOSS, MAX_STOP_LOSS);
  }

  public static double size(double maxAdverse, double hedgedPnl) {
    double risk = Math.max(maxAdverse, MIN_STOP_LOSS);
    double kelly = clip(KELLY_FRACTION * hedgedPnl / risk, 0, 1);
    return MIN_SIZE + (MAX_SIZE - MIN_SIZE) * kelly;
  }

  /** Whether the raw outcome behind a target fell outside its range (the clip rate's numerator). */
  public static boolean takeProfitClipped(double maxFavourable) {
    return maxFavourable < MIN_TAKE_PROFIT || maxFavourable > MAX_TAKE_PROFIT;
  }

  public static boolean stopLossClipped(double maxAdverse) {
    return maxAdverse < MIN_STOP_LOSS || maxAdverse > MAX_STOP_LOSS;
  }
}
