package io.gammastraddle.scoring;

/**
 * Accuracy of a regression model: per target and fold in training, on resolved samples in the job.
 */
public final class RegressionMetrics {

  private RegressionMetrics() {}

  /** Mean absolute error, mean of |actual - predicted|. A NaN in either array gives NaN. */
  public static double mae(double[] actual, double[] predicted) {
    requireSamePairs(actual, predicted);
    double sum = 0;
    for (int i = 0; i < actual.length; i++) {
      sum += Math.abs(actual[i] - predicted[i]);
    }
    return sum / actual.length;
  }

  /**
   * Coefficient of determination, 1 - SSE/SST about the mean of {@code actual}: 1 for perfect
   * predictions, 0 for predicting the mean, negative when worse than the mean.
   *
   * @return NaN when every actual value is the same (SST = 0), since no model can explain variance
   *     that is not there; callers must treat it as "no verdict" (any comparison with NaN is false)
   */
  public static double r2(double[] actual, double[] predicted) {
    requireSamePairs(actual, predicted);
    double mean = 0;
    for (double value : actual) {
      mean += value;
    }
    mean /= actual.length;
    double residual = 0;
    double total = 0;
    for (int i = 0; i < actual.length; i++) {
      residual += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
      total += (actual[i] - mean) * (actual[i] - mean);
    }
    return total == 0 ? Double.NaN : 1 - residual / total;
  }

  private static void requireSamePairs(double[] actual, double[] predicted) {
    if (actual.length != predicted.length) {
      throw new IllegalArgumentException(
          actual.length + " actual values but " + predicted.length + " predictions");
    }
    if (actual.length == 0) {
      throw new IllegalArgumentException("no values to score");
    }
  }
}
