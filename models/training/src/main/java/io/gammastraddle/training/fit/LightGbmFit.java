package io.gammastraddle.training.fit;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.function.IntPredicate;

/**
 * Fits one LightGBM regression through lightgbm4j with early stopping on a validation set, which
 * lightgbm4j does not do itself (DESIGN section 15): boost one round at a time, read the validation
 * l2 after each, stop after {@code patience} rounds without improvement, and save the model
 * truncated at its best round (LightGBM's {@code num_iteration} predict parameter is ignored by
 * lightgbm4j, so the saved text must hold the best trees only).
 */
public final class LightGbmFit {

  /**
   * A fitted model: its LightGBM text, the best round count, the validation l2 there, and each
   * feature's total gain over the kept rounds (LightGBM's gain importance, in feature order).
   */
  public record Fitted(String modelText, int rounds, double validationL2, double[] gain) {}

  private final long seed;
  private final int threads;

  public LightGbmFit(long seed, int threads) {
    this.seed = seed;
    this.threads = threads;
  }

  /**
   * Fits on the rows {@code train} of {@code features} (row-major, {@code columns} per row; NaN for
   * a missing value), stopping early on the rows {@code validation}.
   *
   * @param stopCheck asked after each round with the round number; false stops the fit (a pruner)
   */
  public Fitted fit(
      double[] features,
      int columns,
      float[] labels,
      int[] train,
      int[] validation,
      Hyperparameters hyperparameters,
      int patience,
      IntPredicate stopCheck)
      throws LGBMException {
    String parameters = hyperparameters.toLightGbm(seed, threads);
    try (LGBMDataset trainSet = dataset(features, columns, labels, train, parameters, null);
        LGBMDataset validationSet =
            dataset(features, columns, labels, validation, parameters, trainSet);
        LGBMBooster booster = LGBMBooster.create(trainSet, parameters)) {
      booster.addValidData(validationSet);
      double best = Double.POSITIVE_INFINITY;
      int bestRound = 0;
      for (int round = 1; round <= hyperparameters.rounds(); round++) {
        boolean cannotSplit = booster.updateOneIter();
        double l2 = booster.getEval(1)[0];
        if (l2 < best) {
          best = l2;
          bestRound = round;
        }
        if (cannotSplit || round - bestRound >= patience || !stopCheck.test(round)) {
          break;
        }
      }
      String text = booster.saveModelToString(0, bestRound, LGBMBooster.FeatureImportanceType.GAIN);
      double[] gain = booster.featureImportance(bestRound, LGBMBooster.FeatureImportanceType.GAIN);
      return new Fitted(text, bestRound, best, gain);
    }
  }

  private static LGBMDataset dataset(
      double[] features,
      int columns,
      float[] labels,
      int[] rows,
      String parameters,
      LGBMDataset reference)
      throws LGBMException {
    double[] data = new double[rows.length * columns];
    float[] rowLabels = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(features, rows[i] * columns, data, i * columns, columns);
      rowLabels[i] = labels[rows[i]];
    }
    LGBMDataset dataset =
        LGBMDataset.createFromMat(data, rows.length, columns, true, parameters, reference);
    dataset.setField("label", rowLabels);
    return dataset;
  }
}
