package io.gammastraddle.training;

import io.gammastraddle.training.data.TrainingSample;
import io.gammastraddle.training.fit.Hyperparameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Samples of a market whose outcomes follow from its features, and a fast trainer for them (public
 * for the tests of the sub-packages).
 */
public final class SyntheticSamples {

  public static final long T0 = 1_800_000_000_000L;
  static final long FIVE_MINUTES = 300_000;
  static final long HORIZON = 6 * 3_600_000;
  static final int FEATURES = 15;
  public static final List<String> NAMES = names();
  public static final Hyperparameters FAST = new Hyperparameters(300, 0.1, 4, 15, 1, 1, 1);
  public static final Trainer.Settings SETTINGS =
      new Trainer.Settings(5, Duration.ofHours(1), 0.2, 30, 7, 1, Duration.ofDays(1));
  public static final Trainer TRAINER = new Trainer(SETTINGS);

  private SyntheticSamples() {}

  static List<String> names() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < FEATURES; i++) {
      names.add("f" + i);
    }
    return names;
  }

  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /**
   * A market where the outcomes follow from three of the features: favourable excursion from f0,
   * adverse from f1, P&L per unit of risk from f2, plus a little noise. Entries every 5 minutes,
   * each labelled over 6 hours, so neighbouring samples overlap and purging matters.
   */
  public static List<TrainingSample> learnable(int count, boolean shuffled) {
    SplittableRandom random = new SplittableRandom(3);
    List<double[]> rows = new ArrayList<>();
    List<double[]> outcomes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] row = new double[FEATURES];
      for (int j = 0; j < FEATURES; j++) {
        row[j] = random.nextGaussian();
      }
      row[FEATURES - 1] = i % 7 == 0 ? Double.NaN : row[FEATURES - 1];
      double favourable = 0.1 + 0.4 * sigmoid(2 * row[0]) + 0.01 * random.nextGaussian();
      double adverse = 0.05 + 0.15 * sigmoid(2 * row[1]) + 0.005 * random.nextGaussian();
      double pnl = 2 * Math.max(adverse, 0.05) * sigmoid(3 * row[2]) + 0.01 * random.nextGaussian();
      rows.add(row);
      outcomes.add(new double[] {favourable, adverse, pnl});
    }
    if (shuffled) {
      for (int i = outcomes.size() - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        double[] swap = outcomes.get(i);
        outcomes.set(i, outcomes.get(j));
        outcomes.set(j, swap);
      }
    }
    List<TrainingSample> samples = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long entry = T0 + i * FIVE_MINUTES;
      double[] outcome = outcomes.get(i);
      samples.add(
          new TrainingSample(
              "BTC", entry, entry + HORIZON, rows.get(i), outcome[0], outcome[1], outcome[2]));
    }
    return samples;
  }
}
