package io.gammastraddle.scoring;

import io.gammastraddle.registry.Fallback;
import io.gammastraddle.registry.ModelBundle;

/**
 * Scores feature vectors with one model bundle: checks the vector (feature schema, length, no
 * infinite value; a NaN is a missing value the models handle), predicts the three parameters, clips
 * each into its range and counts the clips; an expired bundle or a vector it cannot take gives the
 * {@link Fallback} parameters with the reason. Thread-safe once built.
 */
public final class BundleScorer {

  private final ModelBundle bundle;
  private final ModelBundle.Scorers scorers;

  /**
   * @throws IllegalArgumentException when the bundle is refused ({@link ModelBundle#load})
   */
  public BundleScorer(ModelBundle bundle) {
    this.bundle = bundle;
    this.scorers = bundle.load();
  }

  public String version() {
    return bundle.version();
  }

  /** The fallback parameters for a vector, with the reason. */
  public static Prediction fallback(
      String underlying, long timestamp, String version, String reason) {
    return new Prediction(
        underlying,
        timestamp,
        Fallback.SIZE,
        Fallback.TAKE_PROFIT,
        Fallback.STOP_LOSS,
        version,
        true,
        reason,
        0);
  }

  /** Scores {@code values} (in the bundle's feature order) at event time {@code now}. */
  public Prediction score(String underlying, long now, int schemaVersion, double[] values) {
    if (now >= bundle.expiresAt()) {
      return fallback(underlying, now, bundle.version(), "model expired at " + bundle.expiresAt());
    }
    if (schemaVersion != bundle.schemaVersion()) {
      return fallback(
          underlying,
          now,
          bundle.version(),
          "feature schema " + schemaVersion + ", the model expects " + bundle.schemaVersion());
    }
    if (values.length != bundle.featureNames().size()) {
      return fallback(
          underlying,
          now,
          bundle.version(),
          values.length + " features, the model expects " + bundle.featureNames().size());
    }
    for (int i = 0; i < values.length; i++) {
      if (Double.isInfinite(values[i])) {
        return fallback(
            underlying, now, bundle.version(), bundle.featureNames().get(i) + " is infinite");
      }
    }
    double size = scorers.size().predict(values);
    double takeProfit = scorers.takeProfit().predict(values);
    double stopLoss = scorers.stopLoss().predict(values);
    double clippedSize = OutputRanges.clip(size, OutputRanges.MIN_SIZE, OutputRanges.MAX_SIZE);
    double clippedTakeProfit =
        OutputRanges.clip(takeProfit, OutputRanges.MIN_TAKE_PROFIT, OutputRanges.MAX_TAKE_PROFIT);
    double clippedStopLoss =
        OutputRanges.clip(stopLoss, OutputRanges.MIN_STOP_LOSS, OutputRanges.MAX_STOP_LOSS);
    int clipped =
        (clippedSize != size ? 1 : 0)
            + (clippedTakeProfit != takeProfit ? 1 : 0)
            + (clippedStopLoss != stopLoss ? 1 : 0);
    return new Prediction(
        underlying,
        now,
        clippedSize,
        clippedTakeProfit,
        clippedStopLoss,
        bundle.version(),
        false,
        "",
        clipped);
  }
}
