package io.gammastraddle.registry;

/**
 * The distribution of one feature in the training data, for drift checks (PSI): the share of
 * training rows in each bin. Bin i holds values in [edges[i-1], edges[i]); the first bin is
 * everything below edges[0], the last everything at or above the last edge; missing values have
 * their own share.
 *
 * @param underlying whose training rows these are; empty (or absent in an older bundle) for the
 *     rows of every underlying
 * @param edges increasing bin edges (bins = edges + 1)
 * @param shares share of the non-missing training rows in each bin, summing to 1
 * @param missingShare share of all training rows where the feature was missing
 * @param range the lowest and highest training value; empty when unknown (no value, or a bundle
 *     older than the field)
 */
public record FeatureHistogram(
    String feature,
    String underlying,
    double[] edges,
    double[] shares,
    double missingShare,
    double[] range) {

  public FeatureHistogram {
    underlying = underlying == null ? "" : underlying;
    range = range == null ? new double[0] : range;
    if (range.length != 0 && !(range.length == 2 && range[0] <= range[1])) {
      throw new IllegalArgumentException(feature + ": a range is [lowest, highest]");
    }
    if (shares.length != edges.length + 1) {
      throw new IllegalArgumentException(
          feature + ": " + edges.length + " edges need " + (edges.length + 1) + " shares");
    }
    for (int i = 1; i < edges.length; i++) {
      if (!(edges[i] > edges[i - 1])) {
        throw new IllegalArgumentException(feature + ": bin edges must increase");
      }
    }
  }

  /** The histogram of the training rows of every underlying, their range unknown. */
  public FeatureHistogram(String feature, double[] edges, double[] shares, double missingShare) {
    this(feature, "", edges, shares, missingShare, new double[0]);
  }

  /** Whether {@code value} lies outside the training values' range (never when it is unknown). */
  public boolean outsideRange(double value) {
    return range.length == 2 && (value < range[0] || value > range[1]);
  }

  /** The bin of {@code value} (not NaN). */
  public int binOf(double value) {
    return binOf(edges, value);
  }

  /** The bin of {@code value} (not NaN) among bins with these increasing {@code edges}. */
  public static int binOf(double[] edges, double value) {
    int low = 0;
    int high = edges.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (value >= edges[middle]) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
