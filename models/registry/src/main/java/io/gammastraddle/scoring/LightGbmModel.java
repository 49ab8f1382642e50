package io.gammastraddle.scoring;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A LightGBM regression model evaluated in pure Java from LightGBM's own text model format (what
 * {@code LGBM_BoosterSaveModelToString} writes), giving the same predictions as LightGBM itself
 * (compared with lightgbm4j to 1e-9 in the tests; every model bundle carries reference predictions
 * that are checked again at load).
 *
 * <p>Why not call LightGBM through JNI in the job (DESIGN sections 8 and 15): lightgbm4j extracts
 * its native libraries to fixed files in /tmp shared by every JVM on the host, and a JNI library
 * can be loaded by only one class loader, so a job jar resubmitted to the same Flink TaskManager
 * fails to load it again; each native call also crosses JNI and is serialized by a lock (about
 * 40-45 ns per tree for a single row). Evaluating the trees here keeps scoring inside the JVM,
 * lock-free and allocation-free.
 *
 * <p>What the evaluator relies on from the format and from LightGBM's prediction code ({@code
 * include/LightGBM/tree.h}, {@code src/boosting/gbdt_prediction.cpp}, {@code src/c_api.cpp}):
 *
 * <ul>
 *   <li>The prediction is the plain sum, in tree order, of each tree's leaf value (leaf values
 *       already include the learning rate and, in the first tree, the initial score), followed by
 *       the objective's output transform.
 *   <li>Each internal node {@code i} of a tree has {@code split_feature[i]}, {@code threshold[i]},
 *       {@code decision_type[i]}, {@code left_child[i]} and {@code right_child[i]}; a child {@code
 *       c >= 0} is another internal node and {@code c < 0} is leaf {@code ~c}. A value goes left
 *       when it is {@code <= threshold}.
 *   <li>{@code decision_type} bits: 1 = categorical split (refused here), 2 = missing values go
 *       left, bits 2-3 = missing type (0 None, 1 Zero, 2 NaN). With missing type NaN a NaN takes
 *       the default direction; with Zero a NaN counts as 0 and a value within kZeroThreshold of 0
 *       takes the default direction; with None a NaN counts as 0 and is compared normally.
 *   <li>LightGBM's C API drops dense values within kZeroThreshold of zero before the trees see
 *       them, so such values are treated as exactly 0. kZeroThreshold is the float {@code 1e-35f}
 *       widened to double.
 * </ul>
 *
 * <p>Refused explicitly rather than scored wrongly: categorical splits, linear trees, multiclass
 * models, averaged output (random forest mode) and objectives whose output transform is not
 * implemented ({@link #parse} lists the supported ones).
 *
 * <p>Layout, for speed (DESIGN section 12 wants three models in p99 <= 50 us): {@link QuickScorer}
 * when every tree has at most 32 leaves (LightGBM's default is 31), which visits only the nodes a
 * row goes right at instead of walking the trees, else {@link LockstepWalk}, eight trees walked at
 * once. Both add the leaf values in tree order, as LightGBM does, so predictions match it to the
 * last bit for the identity objectives.
 *
 * <p>Immutable and thread-safe: all trees live in flat primitive arrays shared read-only by every
 * caller, and {@link #predict} allocates nothing once a thread has made its first prediction.
 */
public final class LightGbmModel implements Predictor {
  /** The widest trees scored with {@link QuickScorer}; wider ones take the slower walk. */
  public static final int QUICK_SCORER_MAX_LEAVES = QuickScorer.MAX_LEAVES;

  /** LightGBM's {@code kZeroThreshold}, declared {@code const double kZeroThreshold = 1e-35f}. */
  static final double ZERO_THRESHOLD = (double) 1e-35f;

  private final String objective;
  private final DoubleUnaryOperator outputTransform;
  private final List<String> featureNames;
  private final TreeEnsemble trees;

  LightGbmModel(
      String objective,
      DoubleUnaryOperator outputTransform,
      List<String> featureNames,
      TreeEnsemble trees) {
    this.objective = objective;
    this.outputTransform = outputTransform;
    this.featureNames = List.copyOf(featureNames);
    this.trees = trees;
  }

  /**
   * Parses a model written by LightGBM 4.x ({@code version=v4}). Supported objectives: {@code
   * regression}, {@code regression_l1}, {@code huber}, {@code fair}, {@code quantile}, {@code mape}
   * (identity output) and {@code binary} (sigmoid output).
   *
   * @throws IllegalArgumentException naming what is malformed or unsupported
   */
  public static LightGbmModel parse(String modelText) {
    return LightGbmTextParser.parse(modelText);
  }

  /** Number of features a row must have: {@code max_feature_idx + 1}. */
  public int featureCount() {
    return featureNames.size();
  }

  /** Feature names in column order, as trained. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** The model's {@code objective} line, e.g. {@code quantile} or {@code binary sigmoid:1}. */
  public String objective() {
    return objective;
  }

  /** Number of trees (one per boosting iteration). */
  public int trees() {
    return trees.trees();
  }

  /**
   * Predicts one row, as LightGBM's normal (transformed) prediction does.
   *
   * @param features one value per feature in {@link #featureNames()} order; NaN means missing
   * @throws IllegalArgumentException if the row does not have {@link #featureCount()} values
   */
  @Override
  public double predict(double[] features) {
    if (features.length != featureNames.size()) {
      throw new IllegalArgumentException(
          "expected " + featureNames.size() + " features, got " + features.length);
    }
    return outputTransform.applyAsDouble(trees.rawScore(features));
  }
}
