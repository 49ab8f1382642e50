package io.gammastraddle.scoring;

import io.gammastraddle.registry.FeatureHistogram;
import java.util.List;

/**
 * Population stability index (PSI) of each feature over the last {@code window} vectors against the
 * training data's histogram: sum over bins of (observed - expected) x ln(observed / expected),
 * missing values as one more bin, empty bins taken as {@link #FLOOR} so the logarithm stays finite.
 * DESIGN section 15: with no drift at all, PSI over 100 points and 10 bins averages about 0.09, so
 * a 0.1 threshold means something only over windows of 500 points or more; the window must be at
 * least {@link #MIN_WINDOW}.
 *
 * <p>Memory is bounded: the bin of each feature for each vector in the window, in a ring. Not
 * thread-safe: one per task and key.
 */
public final class DriftMonitor {

  public static final int MIN_WINDOW = 500;
  static final double FLOOR = 1e-4;

  private final List<FeatureHistogram> reference;
  private final int window;
  private final int[][] bins;
  private final int[][] counts;
  private int next;
  private int size;

  public DriftMonitor(List<FeatureHistogram> reference, int window) {
    if (window < MIN_WINDOW) {
      throw new IllegalArgumentException(
          "a drift window of " + window + " vectors is noise; at least " + MIN_WINDOW);
    }
    this.reference = List.copyOf(reference);
    this.window = window;
    this.bins = new int[reference.size()][window];
    this.counts = new int[reference.size()][];
    for (int j = 0; j < reference.size(); j++) {
      counts[j] = new int[reference.get(j).shares().length + 1];
    }
  }

  /** Takes one vector (in the histograms' feature order; NaN is missing). */
  public void add(double[] values) {
    for (int j = 0; j < reference.size(); j++) {
      FeatureHistogram histogram = reference.get(j);
      int bin = Double.isNaN(values[j]) ? histogram.shares().length : histogram.binOf(values[j]);
      if (size == window) {
        counts[j][bins[j][next]]--;
      }
      bins[j][next] = bin;
      counts[j][bin]++;
    }
    next = (next + 1) % window;
    size = Math.min(size + 1, window);
  }

  /** Whether the window is full, so the PSI values mean what the threshold assumes. */
  public boolean ready() {
    return size == window;
  }

  /** The PSI of feature {@code j} over the window. */
  public double psi(int j) {
    FeatureHistogram histogram = reference.get(j);
    double[] shares = histogram.shares();
    double psi = 0;
    for (int bin = 0; bin <= shares.length; bin++) {
      double expected =
          bin < shares.length
              ? shares[bin] * (1 - histogram.missingShare())
              : histogram.missingShare();
      double observed = (double) counts[j][bin] / size;
      double e = Math.max(expected, FLOOR);
      double o = Math.max(observed, FLOOR);
      psi += (o - e) * Math.log(o / e);
    }
    return psi;
  }

  /** The first feature whose PSI exceeds {@code threshold} once the window is full, or null. */
  public String drifting(double threshold) {
    if (!ready()) {
      return null;
    }
    for (int j = 0; j < reference.size(); j++) {
      if (psi(j) > threshold) {
        return reference.get(j).feature();
      }
    }
    return null;
  }
}
