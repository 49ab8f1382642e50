package io.gammastraddle.book;

import java.io.Serializable;

/**
 * What the published {@link BookTop} measures beyond the best prices: how many levels count as
 * depth, which levels count as near the mid, and the amount whose fill price is estimated.
 *
 * <p>DESIGN (section 7) defines liquidity as the top-5-level depth within 1% of the mid. Option
 * premiums are quoted with spreads of several percent of the premium (the BTC-11JUN21-25000-P
 * snapshot in the fixtures is 0.005 bid, 0.006 ask: 18% of its mid), so a 1% band would usually
 * hold no level at all; {@link #of} uses a 10% band instead.
 *
 * <p>Serializable because the book operator carries it into the cluster.
 *
 * @param depthLevels levels per side summed into {@link BookTop#bidDepth} and {@link
 *     BookTop#askDepth}
 * @param nearLevels best levels per side that may count towards {@link BookTop#nearDepth}
 * @param nearBand how far from the mid a level may lie to count as near, as a fraction of the mid
 * @param impactAmount amount whose average fill price {@link BookTop#buyPrice} and {@link
 *     BookTop#sellPrice} estimate, in the instrument's amount unit (contracts of one coin for
 *     options, USD for perpetuals)
 */
public record BookMeasure(int depthLevels, int nearLevels, double nearBand, double impactAmount)
    implements Serializable {

  private static final int NEAR_LEVELS = 5;
  private static final double NEAR_BAND = 0.10;

  public BookMeasure {
    if (depthLevels <= 0 || nearLevels <= 0) {
      throw new IllegalArgumentException(
          "Levels must be positive: depth " + depthLevels + ", near " + nearLevels);
    }
    if (!(nearBand > 0 && Double.isFinite(nearBand))) {
      throw new IllegalArgumentException("Near band must be positive: " + nearBand);
    }
    if (!(impactAmount > 0 && Double.isFinite(impactAmount))) {
      throw new IllegalArgumentException("Impact amount must be positive: " + impactAmount);
    }
  }

  /** The measure with the project's near-mid rule: the best 5 levels within 10% of the mid. */
  public static BookMeasure of(int depthLevels, double impactAmount) {
    return new BookMeasure(depthLevels, NEAR_LEVELS, NEAR_BAND, impactAmount);
  }
}
