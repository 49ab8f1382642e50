package io.gammastraddle.registry;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Real bundles for tests: three small LightGBM models trained here with lightgbm4j. */
final class Bundles {

  static final List<String> FEATURES = List.of("a", "b", "c");

  private Bundles() {}

  /** A bundle of three models trained on seeded data, with LightGBM's own reference predictions. */
  static ModelBundle trained(String version, long createdAt) throws Exception {
    SplittableRandom random = new SplittableRandom(version.hashCode());
    int rows = 400;
    double[] data = new double[rows * FEATURES.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = random.nextDouble(-1, 1);
    }
    String size = train(data, rows, 0);
    String takeProfit = train(data, rows, 1);
    String stopLoss = train(data, rows, 2);
    List<ReferenceRow> references = new ArrayList<>();
    try (LGBMBooster sizeBooster = LGBMBooster.loadModelFromString(size);
        LGBMBooster takeProfitBooster = LGBMBooster.loadModelFromString(takeProfit);
        LGBMBooster stopLossBooster = LGBMBooster.loadModelFromString(stopLoss)) {
      for (int i = 0; i < 20; i++) {
        double[] row = {random.nextDouble(-1, 1), i % 5 == 0 ? Double.NaN : random.nextDouble(), 0};
        references.add(
            new ReferenceRow(
                row,
                sizeBooster.predictForMatSingleRow(row, PredictionType.C_API_PREDICT_NORMAL),
                takeProfitBooster.predictForMatSingleRow(row, PredictionType.C_API_PREDICT_NORMAL),
                stopLossBooster.predictForMatSingleRow(row, PredictionType.C_API_PREDICT_NORMAL)));
      }
    }
    return new ModelBundle(
        version,
        2,
        FEATURES,
        size,
        takeProfit,
        stopLoss,
        List.of(
            new FeatureHistogram(
                "a", new double[] {-0.5, 0, 0.5}, new double[] {0.25, 0.25, 0.25, 0.25}, 0)),
        references,
        createdAt - 86_400_000,
        createdAt - 3_600_000,
        Map.of("size.r2", 0.7),
        createdAt,
        createdAt + 86_400_000);
  }

  /** Target: a different smooth function of the features for each model. */
  private static String train(double[] data, int rows, int target) throws Exception {
    int columns = FEATURES.size();
    float[] labels = new float[rows];
    for (int i = 0; i < rows; i++) {
      double a = data[i * columns];
      double b = data[i * columns + 1];
      labels[i] = (float) (target == 0 ? a * a + b : target == 1 ? Math.sin(3 * a) : a - b);
    }
    try (LGBMDataset dataset =
        LGBMDataset.createFromMat(data, rows, columns, true, "min_data_in_bin=1", null)) {
      dataset.setField("label", labels);
      try (LGBMBooster booster =
          LGBMBooster.create(
              dataset, "objective=regression num_leaves=7 learning_rate=0.2 verbosity=-1 seed=1")) {
        for (int i = 0; i < 30; i++) {
          booster.updateOneIter();
        }
        return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
      }
    }
  }
}
