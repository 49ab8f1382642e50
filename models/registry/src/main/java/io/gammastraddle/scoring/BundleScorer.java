package io.gammastraddle.scoring;

import io.gammastraddle.registry.Fallback;
import io.gammastraddle.registry.ModelBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Scores feature vectors with one model bundle: checks the vector (feature schema, length, no
 * infinite value; a NaN is a missing value the models handle), predicts the three parameters, clips
 * each into its range and counts the clips; an expired bundle or a vector it cannot take gives the
 * {@link Fallback} parameters with the reason. Thread-safe once built, if its predictors are.
 */
public final class BundleScorer implements AutoCloseable {

  private final ModelBundle bundle;
  private final Predictor size;
  private final Predictor takeProfit;
  private final Predictor stopLoss;

  /**
   * Scores with the project's evaluator.
   *
   * @throws IllegalArgumentException when the bundle is refused ({@link ModelBundle#load})
   */
  public BundleScorer(ModelBundle bundle) {
    this.bundle = bundle;
    ModelBundle.Scorers scorers = bundle.load();
    this.size = scorers.size();
    this.takeProfit = scorers.takeProfit();
    this.stopLoss = scorers.stopLoss();
  }

  /**
   * Scores with predictors that {@code engine} makes from each model's text, once the bundle has
   * passed {@link ModelBundle#load}'s checks with the project's evaluator.
   *
   * @throws IllegalArgumentException when the bundle is refused
   */
  public BundleScorer(ModelBundle bundle, Function<String, Predictor> engine) {
    bundle.load();
    this.bundle = bundle;
    List<Predictor> made = new ArrayList<>();
    try {
      for (String model :
          List.of(bundle.sizeModel(), bundle.takeProfitModel(), bundle.stopLossModel())) {
        made.add(engine.apply(model));
      }
    } catch (RuntimeException e) {
      made.forEach(Predictor::close);
      throw e;
    }
    this.size = made.get(0);
    this.takeProfit = made.get(1);
    this.stopLoss = made.get(2);
  }

  /** Frees what the predictors hold outside the heap (nothing for the project's evaluator). */
  @Override
  public void close() {
    size.close();
    takeProfit.close();
    stopLoss.close();
  }

  public String version() {
    return bundle.version();
  }

  public ModelBundle bundle() {
    return bundle;
  }

  /**
   * The three parameters for {@code values} (in the bundle's feature order, no checks), each
   * clipped into its range: size, take-profit, stop-loss.
   */
  public double[] predict(double[] values) {
    return clip(predictUnclipped(values));
  }

  private double[] predictUnclipped(double[] values) {
    return new double[] {
      size.predict(values), takeProfit.predict(values), stopLoss.predict(values)
    };
  }

  private static double[] clip(double[] raw) {
    return new double[] {
      OutputRanges.clip(raw[0], OutputRanges.MIN_SIZE, OutputRanges.MAX_SIZE),
      OutputRanges.clip(raw[1], OutputRanges.MIN_TAKE_PROFIT, OutputRanges.MAX_TAKE_PROFIT),
      OutputRanges.clip(raw[2], OutputRanges.MIN_STOP_LOSS, OutputRanges.MAX_STOP_LOSS)
    };
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
    double[] raw = predictUnclipped(values);
    double[] clipped = clip(raw);
    int clips = 0;
    for (int i = 0; i < raw.length; i++) {
      clips += clipped[i] != raw[i] ? 1 : 0;
    }
    return new Prediction(
        underlying, now, clipped[0], clipped[1], clipped[2], bundle.version(), false, "", clips);
  }
}
