package io.gammastraddle.scoring;

import io.gammastraddle.registry.FeatureHistogram;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Drift of each feature over the last {@code window} vectors against the training data.
 *
 * <p>Most features by their population stability index (PSI) against the training histogram: sum
 * over bins of (observed - expected) x ln(observed / expected), missing values as one more bin,
 * empty bins taken as {@link #FLOOR} so the logarithm stays finite. DESIGN section 15: with no
 * drift at all, PSI over 100 points and 10 bins averages about 0.09, so a 0.1 threshold means
 * something only over windows of 500 points or more; the window must be at least {@link
 * #MIN_WINDOW}.
 *
 * <p>Slow features (averages over hours, such as an 8-hour funding rate or a 24-hour volume) are
 * checked by range instead: a window of minutes holds nearly one value of theirs, which fills one
 * decile of any training histogram spanning days, so their PSI is large (about 8) without any
 * drift. What such a feature can do to a tree model is leave the values it was trained on, so it
 * drifts when more than {@link #MAX_OUTSIDE_SHARE} of the window lies outside the training range.
 *
 * <p>Memory is bounded: the bin of each feature for each vector in the window, in a ring. Not
 * thread-safe: one per task and key.
 */
public final class DriftMonitor {

  public static final int MIN_WINDOW = 500;
  static final double FLOOR = 1e-4;
  static final double MAX_OUTSIDE_SHARE = 0.5;

  /** The bin a slow feature's value takes in the ring when it lies outside the training range. */
  private static final int OUTSIDE = -1;

  private final List<FeatureHistogram> reference;
  private final boolean[] slow;
  private final int window;
  private final int[][] bins;
  private final int[][] counts;
  private final int[] outside;
  private int next;
  private int size;

  /**
   * @param slowFeatures names of the features checked by range rather than by PSI
   */
  public DriftMonitor(List<FeatureHistogram> reference, int window, Set<String> slowFeatures) {
    if (window < MIN_WINDOW) {
      throw new IllegalArgumentException(
          "a drift window of " + window + " vectors is noise; at least " + MIN_WINDOW);
    }
    this.reference = List.copyOf(reference);
    this.window = window;
    this.slow = new boolean[reference.size()];
    this.bins = new int[reference.size()][window];
    this.counts = new int[reference.size()][];
    this.outside = new int[reference.size()];
    for (int j = 0; j < reference.size(); j++) {
      slow[j] = slowFeatures.contains(reference.get(j).feature());
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
    return slow[j] && histogram.outsideRange(value) ? OUTSIDE : histogram.binOf(value);
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

  /** The PSI of feature {@code j} over the window (for a slow feature, of its in-range values). */
  public double psi(int j) {
    FeatureHistogram histogram = reference.get(j);
    double[] shares = histogram.shares();
    int inRange = size - outside[j];
    double psi = 0;
    for (int bin = 0; bin <= shares.length; bin++) {
      double expected =
          bin < shares.length
              ? shares[bin] * (1 - histogram.missingShare())
              : histogram.missingShare();
      double observed = inRange == 0 ? 0 : (double) counts[j][bin] / inRange;
      double e = Math.max(expected, FLOOR);
      double o = Math.max(observed, FLOOR);
      psi += (o - e) * Math.log(o / e);
    }
    return psi;
  }

  /** The share of the window outside the training range of feature {@code j} (0 unless slow). */
  public double outsideShare(int j) {
    return size == 0 ? 0 : (double) outside[j] / size;
  }

  /** The largest PSI among the features checked by PSI. */
  public double maxPsi() {
    double worst = 0;
    for (int j = 0; j < reference.size(); j++) {
      if (!slow[j]) {
        worst = Math.max(worst, psi(j));
      }
    }
    return worst;
  }

  /**
   * Why the window has drifted once it is full, or null: the feature with the largest PSI above
   * {@code psiThreshold}, else the first slow feature mostly outside its training range.
   */
  public String drifting(double psiThreshold) {
    if (!ready()) {
      return null;
    }
    int worstFeature = -1;
    double worst = psiThreshold;
    for (int j = 0; j < reference.size(); j++) {
      if (!slow[j] && psi(j) > worst) {
        worst = psi(j);
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
      if (slow[j] && outsideShare(j) > MAX_OUTSIDE_SHARE) {
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
