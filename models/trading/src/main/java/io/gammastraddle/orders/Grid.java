package io.gammastraddle.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Sums and differences of decimal amounts (0.1 coin, 10 USD) in doubles, rebuilt as the decimals
 * they stand for: 0.3 - 0.1 is 0.19999999999999998 in doubles, and a remainder compared against a
 * minimum amount must not lose a step to that noise. Rounding to a step is the grid's ({@link
 * io.gammastraddle.market.PriceGrid}, through {@link InstrumentRules}).
 */
final class Grid {
  private static final int DECIMALS = 9;

  private Grid() {}

  /** {@code value} without the noise of adding and subtracting decimal amounts. */
  static double clean(double value) {
    return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
  }
}
