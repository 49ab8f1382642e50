package io.gammastraddle.training.fit;

import java.util.Locale;

/**
 * What the search tunes (DESIGN section 8): boosting rounds, learning rate, depth, leaves, minimum
 * child weight (LightGBM's {@code min_sum_hessian_in_leaf}), feature and bagging fractions.
 *
 * @param rounds the most boosting rounds; early stopping usually ends sooner
 */
public record Hyperparameters(
    int rounds,
    double learningRate,
    int maxDepth,
    int numLeaves,
    double minChildWeight,
    double featureFraction,
    double baggingFraction) {

  public Hyperparameters {
    if (rounds <= 0 || !(learningRate > 0) || maxDepth == 0 || numLeaves < 2) {
      throw new IllegalArgumentException(
          "invalid hyperparameters: " + describe(rounds, learningRate, maxDepth, numLeaves));
    }
    if (!(featureFraction > 0
        && featureFraction <= 1
        && baggingFraction > 0
        && baggingFraction <= 1)) {
      throw new IllegalArgumentException("fractions must be in (0, 1]");
    }
  }

  /**
   * The original design's defaults (DESIGN section 10: NUM_BOOST_ROUND 1000, LEARNING_RATE 0.01,
   * MAX_DEPTH 6, MIN_CHILD_WEIGHT 1), with LightGBM's default 31 leaves and no subsampling: the
   * search's first trial.
   */
  public static Hyperparameters defaults() {
    return new Hyperparameters(1000, 0.01, 6, 31, 1, 1, 1);
  }

  /** LightGBM's parameter string for a regression on these settings, deterministic for a seed. */
  String toLightGbm(long seed, int threads) {
    return String.format(
        Locale.ROOT,
        "objective=regression metric=l2 learning_rate=%s max_depth=%d num_leaves=%d"
            + " min_sum_hessian_in_leaf=%s feature_fraction=%s bagging_fraction=%s bagging_freq=%d"
            + " seed=%d deterministic=true force_row_wise=true num_threads=%d verbosity=-1",
        learningRate,
        maxDepth,
        numLeaves,
        minChildWeight,
        featureFraction,
        baggingFraction,
        baggingFraction < 1 ? 1 : 0,
        seed,
        threads);
  }

  private static String describe(int rounds, double learningRate, int maxDepth, int numLeaves) {
    return "rounds="
        + rounds
        + " learningRate="
        + learningRate
        + " maxDepth="
        + maxDepth
        + " numLeaves="
        + numLeaves;
  }
}
