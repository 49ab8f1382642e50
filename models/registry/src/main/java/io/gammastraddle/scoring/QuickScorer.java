package io.gammastraddle.scoring;

import io.gammastraddle.scoring.LightGbmTextParser.ParsedTree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * QuickScorer (Lucchese et al., "QuickScorer: a fast algorithm to rank documents with additive
 * ensembles of regression trees", SIGIR 2015) for trees of at most 32 leaves: instead of walking
 * each tree, it visits, feature by feature, only the nodes whose test sends the row right, and
 * removes the leaves of their left subtrees from a 32-bit set of candidate leaves per tree. With
 * the leaves numbered left to right, the leaf the walk would reach is then the lowest one left,
 * since every leaf to its left lies in the left subtree of a node on its path that sends the row
 * right.
 *
 * <p>The mirror image holds as well: removing the right subtrees of the nodes that send the row
 * left leaves the walk's leaf as the highest one. A row takes whichever of the two visits fewer
 * nodes, so no row pays for more than half of the nodes; the cost of a row is the number of nodes
 * it visits (an and-into-memory each), so this trims the slowest rows most.
 *
 * <p>Per feature, the nodes splitting on it are sorted by threshold, so the nodes a value {@code x}
 * sends right ({@code x > threshold}) are a prefix and those it sends left the rest, found by a
 * binary search over the feature's distinct thresholds (LightGBM's thresholds are bin boundaries, a
 * few hundred per feature at most): no comparison per node, no mispredicted branch, only a
 * sequential pass. A NaN or a value within kZeroThreshold of zero is not compared: the nodes its
 * missing type sends right, and those it sends left, are listed per feature apart.
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

  /** Per tree, a candidate set holding all its leaves (the start of the mirror image's pass). */
  private final long[] allLeaves;

  /**
   * Per feature {@code f}, from {@code thresholdStart[f]}: its distinct thresholds ascending, then
   * one slot that holds no threshold.
   */
  private final double[] thresholds;

  private final int[] thresholdStart;

  /**
   * Per threshold slot: the end in {@link #goRight} of the feature's entries whose threshold is
   * below the slot's (so a feature's first slot holds where its entries begin, and its last slot
   * where they end). {@link #goLeft} has the same entries at the same places.
   */
  private final int[] nodesBelow;

  /** Per feature, from {@code nanRight[f]} to {@code nanRight[f + 1]} in {@link #goRight}. */
  private final int[] nanRight;

  /** Per feature, from {@code zeroRight[f]} to {@code zeroRight[f + 1]} in {@link #goRight}. */
  private final int[] zeroRight;

  /** Per feature, from {@code nanLeft[f]} to {@code nanLeft[f + 1]} in {@link #goLeft}. */
  private final int[] nanLeft;

  /** Per feature, from {@code zeroLeft[f]} to {@code zeroLeft[f + 1]} in {@link #goLeft}. */
  private final int[] zeroLeft;

  /**
   * The entries of the nodes a row goes right at, by feature: sorted by threshold, then those
   * sending NaN right, then those sending zero right. Each entry holds its tree in the high half
   * and, in the low half, its tree's leaves but those of the node's left subtree. And-ing the whole
   * entry into the tree's candidates leaves garbage in their high half, which is never read.
   */
  private final long[] goRight;

  /**
   * The same for the nodes a row goes left at, each removing its right subtree: sorted by threshold
   * as in {@link #goRight}, then those sending NaN left, then those sending zero left.
   */
  private final long[] goLeft;

  /** Per thread (so predictions allocate nothing once warm), each tree's candidate leaves. */
  private final ThreadLocal<long[]> candidates;

  /** Per thread, the four bounds of each feature's two node runs for the row being scored. */
  private final ThreadLocal<int[]> runs;

  private QuickScorer(
      int trees,
      double[] leafValues,
      int leafStride,
      long[] allLeaves,
      double[] thresholds,
      int[] thresholdStart,
      int[] nodesBelow,
      int[][] missing,
      long[] goRight,
      long[] goLeft) {
    this.trees = trees;
    this.leafValues = leafValues;
    this.leafStride = leafStride;
    this.allLeaves = allLeaves;
    this.thresholds = thresholds;
    this.thresholdStart = thresholdStart;
    this.nodesBelow = nodesBelow;
    this.nanRight = missing[0];
    this.zeroRight = missing[1];
    this.nanLeft = missing[2];
    this.zeroLeft = missing[3];
    this.goRight = goRight;
    this.goLeft = goLeft;
    this.candidates = ThreadLocal.withInitial(() -> new long[trees]);
    int features = thresholdStart.length - 1;
    this.runs = ThreadLocal.withInitial(() -> new int[4 * features]);
  }

  /** Whether the trees fit: at most {@link #MAX_LEAVES} leaves each. */
  static boolean fits(List<ParsedTree> trees) {
    return trees.stream().allMatch(tree -> tree.leafValues().length <= MAX_LEAVES);
  }

  /** Lays out trees that {@link #fits}. */
  static QuickScorer of(List<ParsedTree> trees, int featureCount) {
    int leafStride = trees.stream().mapToInt(tree -> tree.leafValues().length).max().orElseThrow();
    double[] leafValues = new double[trees.size() * leafStride];
    long[] allLeaves = new long[trees.size()];
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
      allLeaves[t] = leafBits(0, leafOrder.length);
    }
    splits.sort(
        Comparator.comparingInt(Node::feature)
            .thenComparingDouble(Node::threshold)
            .thenComparingInt(Node::tree));

    long[] goRight = new long[3 * splits.size()];
    long[] goLeft = new long[3 * splits.size()];
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
        goRight[entries] = split.rightEntry();
        goLeft[entries++] = split.leftEntry();
      }
      nodesBelow[slot++] = entries;
    }
    thresholdStart[featureCount] = slot;
    int[][] missing = new int[4][featureCount + 1];
    int rightEnd = list(splits, featureCount, Node::nanRight, missing[0], goRight, entries, true);
    rightEnd = list(splits, featureCount, Node::zeroRight, missing[1], goRight, rightEnd, true);
    Predicate<Node> nanLeft = split -> !split.nanRight();
    Predicate<Node> zeroLeft = split -> !split.zeroRight();
    int leftEnd = list(splits, featureCount, nanLeft, missing[2], goLeft, entries, false);
    leftEnd = list(splits, featureCount, zeroLeft, missing[3], goLeft, leftEnd, false);
    return new QuickScorer(
        trees.size(),
        leafValues,
        leafStride,
        allLeaves,
        Arrays.copyOf(thresholds, slot),
        thresholdStart,
        Arrays.copyOf(nodesBelow, slot),
        missing,
        Arrays.copyOf(goRight, rightEnd),
        Arrays.copyOf(goLeft, leftEnd));
  }

  /**
   * Appends, feature by feature, the entries of the splits {@code selected} picks: their right
   * entries ({@code right}) or their left ones.
   */
  private static int list(
      List<Node> splits,
      int featureCount,
      Predicate<Node> selected,
      int[] start,
      long[] entriesOut,
      int entries,
      boolean right) {
    int next = 0;
    for (int f = 0; f < featureCount; f++) {
      start[f] = entries;
      for (; next < splits.size() && splits.get(next).feature() == f; next++) {
        Node split = splits.get(next);
        if (selected.test(split)) {
          entriesOut[entries++] = right ? split.rightEntry() : split.leftEntry();
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
            ~leafBits(firstLeaf, leftLeaves),
            ~leafBits(firstLeaf + leftLeaves, rightLeaves),
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

  /** {@code count} leaves from {@code first} as bits (count at most 32). */
  private static int leafBits(int first, int count) {
    return (int) (((1L << count) - 1) << first);
  }

  /**
   * An internal node: its test, the leaves that remain when a row goes right (all but the left
   * subtree's) and when it goes left (all but the right subtree's), where NaN and zero go.
   */
  private record Node(
      int feature,
      double threshold,
      int tree,
      int rightMask,
      int leftMask,
      boolean nanRight,
      boolean zeroRight) {
    long rightEntry() {
      return entry(rightMask);
    }

    long leftEntry() {
      return entry(leftMask);
    }

    private long entry(int mask) {
      return (long) tree << Integer.SIZE | Integer.toUnsignedLong(mask);
    }
  }

  @Override
  public int trees() {
    return trees;
  }

  @Override
  public double rawScore(double[] features) {
    int[] bounds = runs.get();
    int right = 0;
    int left = 0;
    for (int f = 0, at = 0; f < features.length; f++, at += 4) {
      double value = features[f];
      if (Math.abs(value) > LightGbmModel.ZERO_THRESHOLD) {
        int first = thresholdStart[f];
        int last = thresholdStart[f + 1] - 1;
        int split = nodesBelow[slotOf(value, first, last)];
        bounds[at] = nodesBelow[first];
        bounds[at + 1] = split;
        bounds[at + 2] = split;
        bounds[at + 3] = nodesBelow[last];
      } else if (Double.isNaN(value)) {
        missingRuns(bounds, at, nanRight, nanLeft, f);
      } else {
        missingRuns(bounds, at, zeroRight, zeroLeft, f);
      }
      right += bounds[at + 1] - bounds[at];
      left += bounds[at + 3] - bounds[at + 2];
    }
    long[] leaves = candidates.get();
    double sum = 0.0;
    if (right <= left) {
      Arrays.fill(leaves, -1L);
      apply(goRight, bounds, 0, features.length, leaves);
      for (int tree = 0, base = 0; tree < leaves.length; tree++, base += leafStride) {
        sum += leafValues[base + Integer.numberOfTrailingZeros((int) leaves[tree])];
      }
    } else {
      System.arraycopy(allLeaves, 0, leaves, 0, leaves.length);
      apply(goLeft, bounds, 2, features.length, leaves);
      for (int tree = 0, base = 0; tree < leaves.length; tree++, base += leafStride) {
        int highest = Integer.SIZE - 1 - Integer.numberOfLeadingZeros((int) leaves[tree]);
        sum += leafValues[base + highest];
      }
    }
    return sum;
  }

  private static void missingRuns(int[] bounds, int at, int[] rightStart, int[] leftStart, int f) {
    bounds[at] = rightStart[f];
    bounds[at + 1] = rightStart[f + 1];
    bounds[at + 2] = leftStart[f];
    bounds[at + 3] = leftStart[f + 1];
  }

  /** And-s into {@code leaves} the entries of each feature's run at {@code offset} (0 or 2). */
  private static void apply(
      long[] entries, int[] bounds, int offset, int featureCount, long[] leaves) {
    for (int at = offset; at < 4 * featureCount; at += 4) {
      for (int i = bounds[at], end = bounds[at + 1]; i < end; i++) {
        long entry = entries[i];
        leaves[(int) (entry >>> Integer.SIZE)] &= entry;
      }
    }
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
