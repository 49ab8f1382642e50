package io.gammastraddle.simulator.exchange;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amount arithmetic on decimal grids (0.1 coin, 10 USD) done in doubles: sums are cleaned of binary
 * rounding noise so that a fully filled order has exactly nothing left.
 */
final class Quantities {
  private static final int DECIMALS = 9;

  private Quantities() {}

  /** {@code value} rounded to 9 decimals, which removes the noise of summing decimal amounts. */
  static double clean(double value) {
    return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** Whether {@code value} is a whole multiple of {@code step}, up to rounding noise. */
  static boolean isMultiple(double value, double step) {
    double steps = value / step;
    return Math.abs(steps - Math.rint(steps)) < 1e-6;
  }
}
