package io.gammastraddle.training.search;

import java.util.Objects;

/**
 * One dimension of a {@link SearchSpace}: a float or integer range, sampled uniformly on a linear
 * or a logarithmic scale. Bounds are inclusive.
 *
 * @param name the key of the parameter in every trial's parameter map
 * @param low the smallest value (positive on a log scale; a whole number for integers)
 * @param high the largest value, above {@code low}
 * @param log whether values are uniform in log(value) rather than in value
 * @param integer whether values are whole numbers, handed out as {@link Integer}
 */
public record Parameter(String name, double low, double high, boolean log, boolean integer) {

  public Parameter {
    Objects.requireNonNull(name, "name");
    if (!(low < high) || Double.isInfinite(low) || Double.isInfinite(high)) {
      throw new IllegalArgumentException(
          name + ": need finite low < high, got " + low + ", " + high);
    }
    if (log && low <= 0) {
      throw new IllegalArgumentException(name + ": a log scale needs low > 0, got " + low);
    }
    if (integer && (low != Math.rint(low) || high != Math.rint(high))) {
      throw new IllegalArgumentException(
          name + ": integer bounds must be whole, got " + low + ", " + high);
    }
  }

  /** A float uniform in [low, high]. */
  public static Parameter uniform(String name, double low, double high) {
    return new Parameter(name, low, high, false, false);
  }

  /** A float whose logarithm is uniform in [log low, log high]; for learning rates and the like. */
  public static Parameter logUniform(String name, double low, double high) {
    return new Parameter(name, low, high, true, false);
  }

  /** An integer uniform in [low, high]. */
  public static Parameter intUniform(String name, int low, int high) {
    return new Parameter(name, low, high, false, true);
  }

  /** An integer whose logarithm is roughly uniform; for counts spanning orders of magnitude. */
  public static Parameter intLogUniform(String name, int low, int high) {
    return new Parameter(name, low, high, true, true);
  }

  // Optuna widens an integer range by half a step on each side before any transform, so that every
  // integer owns an interval of the same width (optuna/distributions.py, _SearchSpaceTransform and
  // samplers/_tpe/probability_distributions.py, adapted_low/adapted_high).

  /** The lower end of the continuous range the samplers draw from, in transformed units. */
  double transformedLow() {
    return transform(integer ? low - 0.5 : low);
  }

  /** The upper end of the continuous range the samplers draw from, in transformed units. */
  double transformedHigh() {
    return transform(integer ? high + 0.5 : high);
  }

  /** A value in the units the Parzen kernels live in: log(value) on a log scale. */
  double transform(double value) {
    return log ? Math.log(value) : value;
  }

  /** The parameter value a point of the transformed range stands for, rounded and inside bounds. */
  double untransform(double transformed) {
    double value = log ? Math.exp(transformed) : transformed;
    if (integer) {
      value = Math.rint(value);
    }
    return Math.min(high, Math.max(low, value));
  }

  /** The value as handed to the objective: an {@link Integer} or a {@link Double}. */
  Number box(double value) {
    return integer ? (Number) (int) value : (Number) value;
  }
}
