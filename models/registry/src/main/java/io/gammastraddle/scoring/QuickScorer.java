package io.gammastraddle.scoring;

import io.gammastraddle.scoring.LightGbmTextParser.ParsedTree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * QuickScorer (Lucchese et al., "QuickScorer: a fast algorithm to rank documents with additive
 * ensembles of regression trees", SIGIR 2015) for trees of at most 64 leaves: instead of walking
 * each tree, it visits, feature by feature, only the nodes whose test sends the row right, and
 * removes the leaves of their left subtrees from a 64-bit set of candidate leaves per tree. With
 * the leaves numbered left to right, the leaf the walk would reach is then the lowest one left,
 * since every leaf to its left lies in the left subtree of a node on its path that sends the row
 * right.
 *
 * <p>Per feature, the nodes splitting on it are sorted by threshold, so the nodes a value {@code x}
 * sends right ({@code x > threshold}) are a prefix, found by a binary search over the feature's
 * distinct thresholds (LightGBM's thresholds are bin boundaries, a few hundred per feature at
 * most): no comparison per node, no mispredicted branch, only a sequential pass over the prefix. A
 * NaN or a value within kZeroThreshold of zero is not compared: the nodes whose missing type sends
 * it right are listed per feature apart.
 */
final class QuickScorer implements TreeEnsemble {
  /**
   * The candidate leaves of a tree are the low bits of one long, so that a node entry packs its
   * tree (high half) and its mask (low half) in one long: a prediction then loads one array entry
   * per node instead of two.
   */
  static final int MAX_LEAVES = Integer.SIZE;

  private final int trees;

  /** Leaf values at {@code tree * leafStride + leaf}, leaves numbered left to right. */
  private final double[] leafValues;

  private final int leafStride;

  /**
   * Per feature {@code f}, from {@code thresholdStart[f]}: its distinct thresholds ascending, then
   * one slot that holds no threshold.
   */
  private final double[] thresholds;

  private final int[] thresholdStart;

  /**
   * Per threshold slot: the end in {@link #nodes} of the feature's entries whose threshold is below
   * the slot's (so a feature's first slot holds where its entries begin, and its last slot where
   * they end).
   */
  private final int[] nodesBelow;

  /**
   * Per feature, from {@code nanStart[f]} to {@code nanStart[f + 1]}: the nodes sending NaN right.
   */
  private final int[] nanStart;

  /** Per feature, from {@code zeroStart[f]} to {@code zeroStart[f + 1]}: those sending 0 right. */
  private final int[] zeroStart;

  /**
   * Per node entry: its tree in the high half; in the low half, its tree's leaves but those of the
   * node's left subtree. And-ing the whole entry into the tree's candidates leaves garbage in their
   * high half, which is never read: the leaf the walk reaches is always among the low bits.
   */
  private final long[] nodes;

  /** Per thread (so predictions allocate nothing once warm), each tree's candidate leaves. */
  private final ThreadLocal<long[]> candidates;

  private QuickScorer(
      int trees,
      double[] leafValues,
      int leafStride,
      double[] thresholds,
      int[] thresholdStart,
      int[] nodesBelow,
      int[] nanStart,
      int[] zeroStart,
      long[] nodes) {
    this.trees = trees;
    this.leafValues = leafValues;
    this.leafStride = leafStride;
    this.thresholds = thresholds;
    this.thresholdStart = thresholdStart;
    this.nodesBelow = nodesBelow;
    this.nanStart = nanStart;
    this.zeroStart = zeroStart;
    this.nodes = nodes;
    this.candidates = ThreadLocal.withInitial(() -> new long[trees]);
  }

  /** Whether the trees fit: at most {@link #MAX_LEAVES} leaves each. */
  static boolean fits(List<ParsedTree> trees) {
    return trees.stream().allMatch(tree -> tree.leafValues().length <= MAX_LEAVES);
  }

  /** Lays out trees that {@link #fits}. */
  static QuickScorer of(List<ParsedTree> trees, int featureCount) {
    int leafStride = trees.stream().mapToInt(tree -> tree.leafValues().length).max().orElseThrow();
    double[] leafValues = new double[trees.size() * leafStride];
    List<Node> splits = new ArrayList<>();
    for (int t = 0; t < trees.size(); t++) {
      ParsedTree tree = trees.get(t);
      int[] leafOrder = new int[tree.leafValues().length];
      if (tree.nodes() > 0) {
        number(tree, t, 0, 0, leafOrder, splits);
      }
      for (int leaf = 0; leaf < leafOrder.length; leaf++) {
        leafValues[t * leafStride + leafOrder[leaf]] = tree.leafValues()[leaf];
      }
    }
    splits.sort(
        Comparator.comparingInt(Node::feature)
            .thenComparingDouble(Node::threshold)
            .thenComparingInt(Node::tree));

    long[] nodes = new long[3 * splits.size()];
    int entries = 0;
    int[] thresholdStart = new int[featureCount + 1];
    double[] thresholds = new double[splits.size() + featureCount];
    int[] nodesBelow = new int[thresholds.length];
    int slot = 0;
    int next = 0;
    for (int f = 0; f < featureCount; f++) {
      thresholdStart[f] = slot;
      for (; next < splits.size() && splits.get(next).feature() == f; next++) {
        Node split = splits.get(next);
        if (slot == thresholdStart[f] || thresholds[slot - 1] != split.threshold()) {
          thresholds[slot] = split.threshold();
          nodesBelow[slot++] = entries;
        }
        nodes[entries++] = split.entry();
      }
      nodesBelow[slot++] = entries;
    }
    thresholdStart[featureCount] = slot;
    int[] nanStart = new int[featureCount + 1];
    int[] zeroStart = new int[featureCount + 1];
    entries = list(splits, featureCount, Node::nanRight, nanStart, nodes, entries);
    entries = list(splits, featureCount, Node::zeroRight, zeroStart, nodes, entries);
    return new QuickScorer(
        trees.size(),
        leafValues,
        leafStride,
        Arrays.copyOf(thresholds, slot),
        thresholdStart,
        Arrays.copyOf(nodesBelow, slot),
        nanStart,
        zeroStart,
        Arrays.copyOf(nodes, entries));
  }

  /** Appends, feature by feature, the entries of the splits {@code goesRight} selects. */
  private static int list(
      List<Node> splits,
      int featureCount,
      Predicate<Node> goesRight,
      int[] start,
      long[] nodes,
      int entries) {
    int next = 0;
    for (int f = 0; f < featureCount; f++) {
      start[f] = entries;
      for (; next < splits.size() && splits.get(next).feature() == f; next++) {
        Node split = splits.get(next);
        if (goesRight.test(split)) {
          nodes[entries++] = split.entry();
        }
      }
    }
    start[featureCount] = entries;
    return entries;
  }

  /**
   * Numbers the leaves under {@code node} left to right from {@code firstLeaf} into {@code
   * leafOrder} and adds the internal nodes to {@code splits}; returns the number of leaves.
   */
  private static int number(
      ParsedTree tree, int treeIndex, int node, int firstLeaf, int[] leafOrder, List<Node> splits) {
    int left = tree.leftChildren()[node];
    int right = tree.rightChildren()[node];
    int leftLeaves = subtree(tree, treeIndex, left, firstLeaf, leafOrder, splits);
    int rightLeaves = subtree(tree, treeIndex, right, firstLeaf + leftLeaves, leafOrder, splits);
    splits.add(
        new Node(
            tree.splitFeatures()[node],
            tree.thresholds()[node],
            treeIndex,
            ~(((1 << leftLeaves) - 1) << firstLeaf),
            tree.nanChild(node) == right,
            tree.zeroChild(node) == right));
    return leftLeaves + rightLeaves;
  }

  private static int subtree(
      ParsedTree tree,
      int treeIndex,
      int child,
      int firstLeaf,
      int[] leafOrder,
      List<Node> splits) {
    if (child < 0) {
      leafOrder[~child] = firstLeaf;
      return 1;
    }
    return number(tree, treeIndex, child, firstLeaf, leafOrder, splits);
  }

  /** An internal node: its test, what sending a row right removes, where NaN and zero go. */
  private record Node(
      int feature, double threshold, int tree, int mask, boolean nanRight, boolean zeroRight) {
    long entry() {
      return (long) tree << Integer.SIZE | Integer.toUnsignedLong(mask);
    }
  }

  @Override
  public int trees() {
    return trees;
  }

  @Override
  public double rawScore(double[] features) {
    long[] leaves = candidates.get();
    Arrays.fill(leaves, -1L);
    for (int f = 0; f < features.length; f++) {
      double value = features[f];
      int from;
      int to;
      if (Math.abs(value) > LightGbmModel.ZERO_THRESHOLD) {
        int first = thresholdStart[f];
        from = nodesBelow[first];
        to = nodesBelow[slotOf(value, first, thresholdStart[f + 1] - 1)];
      } else if (Double.isNaN(value)) {
        from = nanStart[f];
        to = nanStart[f + 1];
      } else {
        from = zeroStart[f];
        to = zeroStart[f + 1];
      }
      for (int i = from; i < to; i++) {
        long entry = nodes[i];
        leaves[(int) (entry >>> Integer.SIZE)] &= entry;
      }
    }
    double sum = 0.0;
    for (int tree = 0, base = 0; tree < leaves.length; tree++, base += leafStride) {
      sum += leafValues[base + Long.numberOfTrailingZeros(leaves[tree])];
    }
    return sum;
  }

  /**
   * The first slot in {@code [from, to)} whose threshold is not below {@code value}, or {@code to}.
   */
  private int slotOf(double value, int from, int to) {
    int low = from;
    int high = to;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (thresholds[middle] < value) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}
