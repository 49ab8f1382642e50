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
 */
public record FeatureHistogram(
    String feature, String underlying, double[] edges, double[] shares, double missingShare) {

  public FeatureHistogram {
    underlying = underlying == null ? "" : underlying;
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

  /** The histogram of the training rows of every underlying. */
  public FeatureHistogram(String feature, double[] edges, double[] shares, double missingShare) {
    this(feature, "", edges, shares, missingShare);
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
