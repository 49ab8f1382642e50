package io.gammastraddle.gamma.scoring;

import java.util.Arrays;
import java.util.Locale;

/**
 * How one model version did on the latest resolved samples of an underlying: for size, take-profit
 * and stop-loss (in that order) the MAE and R² of its predictions against the realized targets, and
 * the MAE of the fallback parameters on the same samples. Unhealthy once the window is full and any
 * target's MAE is above the fallback's: the promotion gate's own test, live.
 *
 * @param samples resolved samples measured (at most the window)
 * @param full whether {@code samples} reached the window, so the figures can condemn the model
 */
public record ModelHealth(
    String version, int samples, boolean full, double[] mae, double[] r2, double[] fallbackMae) {

  static final String[] TARGETS = {"size", "take_profit", "stop_loss"};

  /** Why the model is unhealthy, or null when it is not (or cannot be judged yet). */
  public String problem() {
    if (!full) {
      return null;
    }
    for (int i = 0; i < TARGETS.length; i++) {
      if (mae[i] > fallbackMae[i]) {
        return String.format(
            Locale.ROOT,
            "unhealthy: %s MAE %.4f over the last %d resolved samples, above the fallback's %.4f",
            TARGETS[i],
            mae[i],
            samples,
            fallbackMae[i]);
      }
    }
    return null;
  }

  /**
   * The model's size error against the fallback's: above 1 when the model is the better guide, NaN
   * when there are no samples yet.
   */
  public double sizeConfidence() {
    return samples == 0 ? Double.NaN : fallbackMae[0] / Math.max(mae[0], 1e-12);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ModelHealth that
        && version.equals(that.version)
        && samples == that.samples
        && full == that.full
        && Arrays.equals(mae, that.mae)
        && Arrays.equals(r2, that.r2)
        && Arrays.equals(fallbackMae, that.fallbackMae);
  }

  @Override
  public int hashCode() {
    return version.hashCode() * 31 + samples;
  }

  @Override
  public String toString() {
    return "ModelHealth["
        + version
        + " samples="
        + samples
        + " mae="
        + Arrays.toString(mae)
        + " r2="
        + Arrays.toString(r2)
        + " fallbackMae="
        + Arrays.toString(fallbackMae)
        + "]";
  }
}
