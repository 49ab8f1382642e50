package io.gammastraddle.strategy;

/**
 * What the strategy takes from a prediction ({@code gsb.predictions}, the scoring operator's {@code
 * Prediction}): the straddle's size and exits for one feature vector. Defined here so the strategy
 * does not depend on the scoring module; the operator copies the fields across.
 *
 * @param timestamp the event time of the feature vector the prediction was made for
 * @param size the position size as a fraction of equity, within (0, 1] (0.02-0.15 by DESIGN)
 * @param takeProfit exit when the straddle's P&L reaches this fraction of the premium paid
 * @param stopLoss exit when the straddle's loss reaches this fraction of the premium paid, within
 *     (0, 1)
 * @param fallback whether the conservative fallback parameters replaced the models
 * @param modelVersion the model bundle's version; empty for the fallback
 */
public record PredictedParameters(
    String underlying,
    long timestamp,
    double size,
    double takeProfit,
    double stopLoss,
    boolean fallback,
    String modelVersion) {

  public PredictedParameters {
    if (underlying == null || underlying.isBlank()) {
      throw new IllegalArgumentException("a prediction needs its underlying");
    }
    if (!(size > 0 && size <= 1)
        || !(takeProfit > 0 && takeProfit < Double.POSITIVE_INFINITY)
        || !(stopLoss > 0 && stopLoss < 1)) {
      throw new IllegalArgumentException(
          "need size in (0, 1], take-profit > 0 and finite, stop-loss in (0, 1): size="
              + size
              + " takeProfit="
              + takeProfit
              + " stopLoss="
              + stopLoss);
    }
    modelVersion = modelVersion == null ? "" : modelVersion;
  }
}
