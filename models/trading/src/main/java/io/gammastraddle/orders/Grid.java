package io.gammastraddle.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Prices and amounts on decimal grids (0.0001 coin, 0.5 USD, 0.1 coin, 10 USD) in doubles. A
 * quotient within a billionth of a step counts as on the step, so that binary noise (0.3 / 0.1 =
 * 2.9999999999999996) never moves a value a whole step; results are rebuilt from decimals so they
 * print and compare as the decimals they stand for.
 */
final class Grid {
  private static final double NOISE = 1e-9;
  private static final int DECIMALS = 9;

  private Grid() {}

  /** The largest multiple of {@code step} not above {@code value}. */
  static double floor(double value, double step) {
    return multiple(Math.floor(value / step + NOISE), step);
  }

  /** The smallest multiple of {@code step} not below {@code value}. */
  static double ceil(double value, double step) {
    return multiple(Math.ceil(value / step - NOISE), step);
  }

  static boolean isMultiple(double value, double step) {
    double steps = value / step;
    return Math.abs(steps - Math.rint(steps)) < NOISE * Math.max(1, Math.abs(steps));
  }

  /** {@code value} without the noise of adding and subtracting decimal amounts. */
  static double clean(double value) {
    return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
  }

  private static double multiple(double steps, double step) {
    return BigDecimal.valueOf(steps).multiply(BigDecimal.valueOf(step)).doubleValue();
  }
}
