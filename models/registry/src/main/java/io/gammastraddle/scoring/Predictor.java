package io.gammastraddle.scoring;

/**
 * One model's prediction for a row of features, in the model's feature order. The project's {@link
 * LightGbmModel} is one; the job can also score through LightGBM's native library for comparison
 * ({@code scoring.engine: lightgbm4j}). Native predictors hold memory outside the heap until
 * closed.
 */
public interface Predictor extends AutoCloseable {

  double predict(double[] features);

  @Override
  default void close() {}
}
