package io.gammastraddle.scoring;

import io.gammastraddle.registry.FeatureHistogram;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Drift of each feature over the last {@code window} vectors against the training data.
 *
 * <p>Most features by their population stability index (PSI) against the training histogram: sum
 * over bins of (observed - expected) x ln(observed / expected), empty bins taken as {@link #FLOOR}
 * so the logarithm stays finite. DESIGN section 15: with no drift at all, PSI over 100 points and
 * 10 bins averages about 0.09, so a 0.1 threshold means something only over windows of 500 points
 * or more; the window must be at least {@link #MIN_WINDOW}.
 *
 * <p>Missing values are not drift: the PSI compares the values a feature has, and a feature is
 * judged only once it has a value in at least half the window. A job warming up has no momentum for
 * its first minutes (it needs a close five minutes back), which as a missing-value bin made a PSI
 * above 7 the moment the window filled; the models take a missing value as LightGBM does.
 *
 * <p>Features that remember longer than the spacing of the window's vectors (a 1-hour realized
 * volatility in vectors 5 minutes apart, an 8-hour funding rate) are checked by range instead: the
 * window holds few independent values of theirs, which fill one or two deciles of a training
 * histogram spanning days, so their PSI is large (7 to 8 in the demo) without any drift. What such
 * a feature can do to a tree model is leave the values it was trained on, so it drifts when more
 * than {@link #MAX_OUTSIDE_SHARE} of its values in the window lie outside the training range.
 *
 * <p>Memory is bounded: the bin of each feature for each vector in the window, in a ring. Not
 * thread-safe: one per task and key.
 */
public final class DriftMonitor {

  public static final int MIN_WINDOW = 500;
  static final double FLOOR = 1e-4;
  static final double MAX_OUTSIDE_SHARE = 0.5;

  /**
   * The bin a range-checked feature's value takes in the ring when it lies outside the training
   * range.
   */
  private static final int OUTSIDE = -1;

  private final List<FeatureHistogram> reference;
  private final boolean[] byRange;
  private final int window;
  private final int[][] bins;
  private final int[][] counts;
  private final int[] outside;
  private int next;
  private int size;

  /**
   * @param rangeChecked names of the features checked by range rather than by PSI
   */
  public DriftMonitor(List<FeatureHistogram> reference, int window, Set<String> rangeChecked) {
    if (window < MIN_WINDOW) {
      throw new IllegalArgumentException(
          "a drift window of " + window + " vectors is noise; at least " + MIN_WINDOW);
    }
    this.reference = List.copyOf(reference);
    this.window = window;
    this.byRange = new boolean[reference.size()];
    this.bins = new int[reference.size()][window];
    this.counts = new int[reference.size()][];
    this.outside = new int[reference.size()];
    for (int j = 0; j < reference.size(); j++) {
      byRange[j] = rangeChecked.contains(reference.get(j).feature());
      counts[j] = new int[reference.get(j).shares().length + 1];
    }
  }

  /** Takes one vector (in the histograms' feature order; NaN is missing). */
  public void add(double[] values) {
    for (int j = 0; j < reference.size(); j++) {
      int bin = binOf(j, values[j]);
      if (size == window) {
        remove(j, bins[j][next]);
      }
      bins[j][next] = bin;
      if (bin == OUTSIDE) {
        outside[j]++;
      } else {
        counts[j][bin]++;
      }
    }
    next = (next + 1) % window;
    size = Math.min(size + 1, window);
  }

  private int binOf(int j, double value) {
    FeatureHistogram histogram = reference.get(j);
    if (Double.isNaN(value)) {
      return histogram.shares().length;
    }
    return byRange[j] && histogram.outsideRange(value) ? OUTSIDE : histogram.binOf(value);
  }

  private void remove(int j, int bin) {
    if (bin == OUTSIDE) {
      outside[j]--;
    } else {
      counts[j][bin]--;
    }
  }

  /** Whether the window is full, so the PSI values mean what the threshold assumes. */
  public boolean ready() {
    return size == window;
  }

  /** The window's vectors in which feature {@code j} has a value. */
  private int present(int j) {
    return size - counts[j][reference.get(j).shares().length];
  }

  /** Whether feature {@code j} has a value in enough of the window to be judged. */
  private boolean judged(int j) {
    return ready() && present(j) >= window / 2;
  }

  /**
   * The PSI of feature {@code j} over the values the window has (for a range-checked feature, of
   * those in its range) against the training's values.
   */
  public double psi(int j) {
    double[] shares = reference.get(j).shares();
    int values = present(j) - outside[j];
    double psi = 0;
    for (int bin = 0; bin < shares.length; bin++) {
      double observed = values == 0 ? 0 : (double) counts[j][bin] / values;
      double e = Math.max(shares[bin], FLOOR);
      double o = Math.max(observed, FLOOR);
      psi += (o - e) * Math.log(o / e);
    }
    return psi;
  }

  /** The share of feature {@code j}'s values in the window outside its training range. */
  public double outsideShare(int j) {
    return present(j) == 0 ? 0 : (double) outside[j] / present(j);
  }

  /** The largest PSI among the judged features checked by PSI. */
  public double maxPsi() {
    double worst = 0;
    for (int j = 0; j < reference.size(); j++) {
      if (!byRange[j] && judged(j)) {
        worst = Math.max(worst, psi(j));
      }
    }
    return worst;
  }

  /**
   * Why the window has drifted once it is full, or null: the feature with the largest PSI above
   * {@code psiThreshold}, else the first range-checked feature mostly outside its training range.
   */
  public String drifting(double psiThreshold) {
    int worstFeature = -1;
    double worst = psiThreshold;
    for (int j = 0; j < reference.size(); j++) {
      double psi = byRange[j] || !judged(j) ? 0 : psi(j);
      if (psi > worst) {
        worst = psi;
        worstFeature = j;
      }
    }
    if (worstFeature >= 0) {
      return String.format(
          Locale.ROOT,
          "%s drifts: PSI %.3f over the last %d vectors, above %.3f",
          reference.get(worstFeature).feature(),
          worst,
          window,
          psiThreshold);
    }
    for (int j = 0; j < reference.size(); j++) {
      if (byRange[j] && judged(j) && outsideShare(j) > MAX_OUTSIDE_SHARE) {
        double[] range = reference.get(j).range();
        return String.format(
            Locale.ROOT,
            "%s drifts: %.0f%% of the last %d vectors outside its training range [%g, %g]",
            reference.get(j).feature(),
            100 * outsideShare(j),
            window,
            range[0],
            range[1]);
      }
    }
    return null;
  }
}
