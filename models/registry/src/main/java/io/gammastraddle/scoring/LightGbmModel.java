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
 * <p>Layout and walk, for speed (DESIGN section 12 wants three models in p99 <= 50 us): the
 * internal nodes of all trees sit in one {@code long[]}, two longs per node (the threshold's bits,
 * then split feature, left child and right child packed in 16, 24 and 24 bits), so one cache line
 * holds what a step needs; leaf values sit in their own {@code double[]}. Trees are walked eight at
 * a time in lockstep, a tree that reached its leaf staying there, and the child is picked from the
 * sign of {@code threshold - value} rather than by a branch: eight independent walks overlap their
 * memory latency and no step waits on a mispredicted branch (about 1.6 times faster on
 * ScoringBenchmark than one tree at a time with branches). The sum still runs in tree order, as
 * LightGBM's, so predictions match it to the last bit for the identity objectives.
 *
 * <p>Immutable and thread-safe: all trees live in flat primitive arrays shared read-only by every
 * caller, and {@link #predict} allocates nothing.
 */
public final class LightGbmModel {
  /** LightGBM's {@code kZeroThreshold}, declared {@code const double kZeroThreshold = 1e-35f}. */
  static final double ZERO_THRESHOLD = (double) 1e-35f;

  /**
   * Children are packed in 24 signed bits: a node index, or {@code ~leaf} for a leaf (a model has
   * fewer nodes than leaves).
   */
  static final int MAX_LEAVES = 1 << 23;

  /** Split features are packed in 16 unsigned bits. */
  static final int MAX_FEATURES = 1 << 16;

  /** Trees walked together; eight keep enough memory loads in flight without spilling registers. */
  private static final int LANES = 8;

  private final String objective;
  private final DoubleUnaryOperator outputTransform;
  private final List<String> featureNames;

  /** Per tree, in order: its root node, or {@code ~leaf} when the tree is a single leaf. */
  private final int[] treeRoots;

  /** Per node: {@code [2n]} threshold bits, {@code [2n + 1]} {@link #packNode} of the rest. */
  private final long[] nodes;

  /** Per node: the child a value within kZeroThreshold of zero goes to (missing type resolved). */
  private final int[] zeroChildren;

  /** Per node: the child a NaN goes to (missing type resolved). */
  private final int[] nanChildren;

  private final double[] leafValues;

  LightGbmModel(
      String objective,
      DoubleUnaryOperator outputTransform,
      List<String> featureNames,
      int[] treeRoots,
      long[] nodes,
      int[] zeroChildren,
      int[] nanChildren,
      double[] leafValues) {
    this.objective = objective;
    this.outputTransform = outputTransform;
    this.featureNames = List.copyOf(featureNames);
    this.treeRoots = treeRoots;
    this.nodes = nodes;
    this.zeroChildren = zeroChildren;
    this.nanChildren = nanChildren;
    this.leafValues = leafValues;
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
    return treeRoots.length;
  }

  /**
   * Predicts one row, as LightGBM's normal (transformed) prediction does.
   *
   * @param features one value per feature in {@link #featureNames()} order; NaN means missing
   * @throws IllegalArgumentException if the row does not have {@link #featureCount()} values
   */
  public double predict(double[] features) {
    if (features.length != featureNames.size()) {
      throw new IllegalArgumentException(
          "expected " + featureNames.size() + " features, got " + features.length);
    }
    double sum = 0.0;
    int tree = 0;
    for (; tree + LANES <= treeRoots.length; tree += LANES) {
      int a = treeRoots[tree];
      int b = treeRoots[tree + 1];
      int c = treeRoots[tree + 2];
      int d = treeRoots[tree + 3];
      int e = treeRoots[tree + 4];
      int f = treeRoots[tree + 5];
      int g = treeRoots[tree + 6];
      int h = treeRoots[tree + 7];
      // Until all eight are leaves (negative): the sign bit survives the AND only then.
      while ((a & b & c & d & e & f & g & h) >= 0) {
        a = step(a, features);
        b = step(b, features);
        c = step(c, features);
        d = step(d, features);
        e = step(e, features);
        f = step(f, features);
        g = step(g, features);
        h = step(h, features);
      }
      sum += leafValues[~a];
      sum += leafValues[~b];
      sum += leafValues[~c];
      sum += leafValues[~d];
      sum += leafValues[~e];
      sum += leafValues[~f];
      sum += leafValues[~g];
      sum += leafValues[~h];
    }
    for (; tree < treeRoots.length; tree++) {
      int node = treeRoots[tree];
      while (node >= 0) {
        node = step(node, features);
      }
      sum += leafValues[~node];
    }
    return outputTransform.applyAsDouble(sum);
  }

  /** Split feature in bits 48-63, left child in bits 24-47, right child in bits 0-23 (signed). */
  static long packNode(int feature, int leftChild, int rightChild) {
    return ((long) feature << 48) | ((leftChild & 0xFFFFFFL) << 24) | (rightChild & 0xFFFFFFL);
  }

  /**
   * One step of LightGBM's {@code Tree::NumericalDecision}: the child of {@code node}, or {@code
   * node} itself once it is a leaf. A value clear of zero goes right when {@code threshold - value}
   * is negative, which is {@code value > threshold} without a branch; {@code doubleToLongBits}
   * rather than the raw bits because {@code inf - inf} is a NaN whose sign bit x86 sets, and an
   * infinite value equal to an infinite threshold goes left. NaN and zero take the children the
   * parser resolved from the node's missing type.
   */
  private int step(int node, double[] features) {
    int leafMask = node >> 31;
    // A leaf reads node 0, always cached, and keeps itself below.
    int index = node & ~leafMask;
    long packed = nodes[2 * index + 1];
    double value = features[(int) (packed >>> 48)];
    int child;
    if (Math.abs(value) > ZERO_THRESHOLD) {
      double threshold = Double.longBitsToDouble(nodes[2 * index]);
      long goRight = Double.doubleToLongBits(threshold - value) >>> 63;
      child = (int) (packed << (16 + 24 * goRight) >> 40);
    } else {
      child = Double.isNaN(value) ? nanChildren[index] : zeroChildren[index];
    }
    return child ^ ((child ^ node) & leafMask);
  }
}
