package io.gammastraddle.gamma.scoring;

import com.microsoft.ml.lightgbm.PredictionType;
import io.gammastraddle.scoring.Predictor;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;

/**
 * A model scored by LightGBM's native library through lightgbm4j ({@code scoring.engine:
 * lightgbm4j}), to compare with the project's evaluator in place. Not the default, for the reasons
 * of DESIGN section 15: the native library is extracted to fixed files in /tmp and can be loaded by
 * one class loader per JVM, so a job resubmitted to the same TaskManager cannot load it again; each
 * call crosses JNI and takes a lock. The booster lives outside the heap until {@link #close}.
 */
final class NativePredictor implements Predictor {

  private final LGBMBooster booster;

  private NativePredictor(LGBMBooster booster) {
    this.booster = booster;
  }

  /**
   * @throws IllegalArgumentException when LightGBM cannot load the model
   */
  static NativePredictor load(String modelText) {
    try {
      return new NativePredictor(LGBMBooster.loadModelFromString(modelText));
    } catch (LGBMException e) {
      throw new IllegalArgumentException("LightGBM cannot load the model: " + e.getMessage(), e);
    }
  }

  @Override
  public double predict(double[] features) {
    try {
      return booster.predictForMatSingleRow(features, PredictionType.C_API_PREDICT_NORMAL);
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM failed to predict: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      booster.close();
    } catch (LGBMException e) {
      throw new IllegalStateException("LightGBM failed to free a model: " + e.getMessage(), e);
    }
  }
}
