package io.gammastraddle.scoring;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.List;
import java.util.Random;

/** Trains small models with LightGBM itself (lightgbm4j) on seeded synthetic rows. */
final class LightGbmFits {
  static final List<String> FEATURE_NAMES =
      List.of("basis_pct", "vol_pct", "gamma_pct", "spread", "momentum", "book_imbalance");
  static final int FEATURES = FEATURE_NAMES.size();

  /** Quiet, single-threaded and reproducible; dataset parameters must be given to both calls. */
  private static final String COMMON_PARAMS = " verbose=-1 num_threads=1 seed=7 deterministic=true";

  private LightGbmFits() {}

  /** A trained model's text and LightGBM's own predictions for the scored rows. */
  record Fit(String modelText, double[] predictions) {}

  /**
   * Row-major rows where about 10% of the values are NaN, 10% exactly zero and 5% within or at the
   * edge of LightGBM's zero threshold, the rest uniform in [-2, 2].
   */
  static double[] rows(int count, long seed) {
    Random random = new Random(seed);
    double[] tiny = {1e-36, -1e-36, LightGbmModel.ZERO_THRESHOLD, -LightGbmModel.ZERO_THRESHOLD};
    double[] rows = new double[count * FEATURES];
    for (int i = 0; i < rows.length; i++) {
      int draw = random.nextInt(20);
      rows[i] =
          switch (draw) {
            case 0, 1 -> Double.NaN;
            case 2, 3 -> 0.0;
            case 4 -> tiny[random.nextInt(tiny.length)];
            default -> random.nextDouble() * 4 - 2;
          };
    }
    return rows;
  }

  /** A target with structure in every feature, in missing values and in exact zeros. */
  static float[] labels(double[] rows, long seed) {
    Random noise = new Random(seed);
    float[] labels = new float[rows.length / FEATURES];
    for (int r = 0; r < labels.length; r++) {
      int at = r * FEATURES;
      double value =
          2 * orZero(rows[at])
              + Math.sin(3 * orZero(rows[at + 1]))
              + (Double.isNaN(rows[at + 2]) ? 1.5 : rows[at + 2])
              + (rows[at + 3] == 0 ? -1 : 0.5 * orZero(rows[at + 3]))
              + orZero(rows[at + 4]) * orZero(rows[at + 5])
              + 0.3 * noise.nextGaussian();
      labels[r] = (float) value;
    }
    return labels;
  }

  /** Trains a model and returns its text. */
  static String train(String params, int iterations, double[] training, float[] labels)
      throws LGBMException {
    return withTrainedBooster(params, iterations, training, labels, LightGbmFits::modelText);
  }

  /** Trains a single-output model and predicts the scored rows with it. */
  static Fit fit(String params, int iterations, double[] training, float[] labels, double[] scored)
      throws LGBMException {
    return withTrainedBooster(
        params,
        iterations,
        training,
        labels,
        booster ->
            new Fit(
                modelText(booster),
                booster.predictForMat(
                    scored,
                    scored.length / FEATURES,
                    FEATURES,
                    true,
                    PredictionType.C_API_PREDICT_NORMAL)));
  }

  private interface BoosterUse<T> {
    T apply(LGBMBooster booster) throws LGBMException;
  }

  private static <T> T withTrainedBooster(
      String params, int iterations, double[] training, float[] labels, BoosterUse<T> use)
      throws LGBMException {
    String allParams = params + COMMON_PARAMS;
    try (LGBMDataset dataset =
            LGBMDataset.createFromMat(training, labels.length, FEATURES, true, allParams, null);
        LGBMBooster booster = createBooster(dataset, labels, allParams)) {
      for (int i = 0; i < iterations; i++) {
        booster.updateOneIter();
      }
      return use.apply(booster);
    }
  }

  private static String modelText(LGBMBooster booster) throws LGBMException {
    return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
  }

  private static LGBMBooster createBooster(LGBMDataset dataset, float[] labels, String params)
      throws LGBMException {
    dataset.setFeatureNames(FEATURE_NAMES.toArray(String[]::new));
    dataset.setField("label", labels);
    return LGBMBooster.create(dataset, params);
  }

  /** Largest |evaluator - LightGBM| over the scored rows (NaN if any prediction is NaN). */
  static double maxDifference(LightGbmModel model, double[] scored, double[] expected) {
    double max = 0;
    double[] row = new double[FEATURES];
    for (int r = 0; r < expected.length; r++) {
      System.arraycopy(scored, r * FEATURES, row, 0, FEATURES);
      max = Math.max(max, Math.abs(model.predict(row) - expected[r]));
    }
    return max;
  }

  private static double orZero(double value) {
    return Double.isNaN(value) ? 0 : value;
  }
}
