package io.gammastraddle.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * Reads LightGBM's text model format into a {@link LightGbmModel}: a header of {@code key=value}
 * lines, one {@code Tree=<n>} block per tree, then {@code end of trees} (what follows, feature
 * importances and training parameters, does not affect predictions). Everything the evaluator does
 * not implement is refused here, so a model either scores exactly as LightGBM or does not load.
 */
final class LightGbmTextParser {
  /** Objectives whose {@code ConvertOutput} returns the raw score unchanged. */
  private static final Set<String> IDENTITY_OBJECTIVES =
      Set.of("regression", "regression_l1", "huber", "fair", "quantile", "mape");

  private static final String END_OF_TREES = "end of trees";
  private static final String TREE_PREFIX = "Tree=";
  private static final int CATEGORICAL_MASK = 1;
  private static final int DEFAULT_LEFT_MASK = 2;
  // Missing types, decision_type bits 2-3.
  private static final int MISSING_ZERO = 1;
  private static final int MISSING_NAN = 2;

  private LightGbmTextParser() {}

  static LightGbmModel parse(String modelText) {
    if (modelText == null || modelText.isBlank()) {
      throw invalid("the model text is empty");
    }
    String[] lines = modelText.split("\r?\n", -1);
    if (!lines[0].strip().equals("tree")) {
      throw invalid("the first line is not 'tree'");
    }
    Map<String, String> header = new HashMap<>();
    Set<String> flags = new HashSet<>();
    int line = 1;
    for (; line < lines.length && !isTreeStart(lines[line]); line++) {
      if (lines[line].equals(END_OF_TREES)) {
        break;
      }
      readHeaderLine(lines[line], header, flags);
    }
    List<String> featureNames = featureNames(header);
    checkSingleOutput(header, flags);
    DoubleUnaryOperator outputTransform = outputTransform(required(header, "objective"));

    List<ParsedTree> trees = new ArrayList<>();
    while (line < lines.length && !lines[line].equals(END_OF_TREES)) {
      String text = lines[line];
      if (isTreeStart(text)) {
        int end = line + 1;
        while (end < lines.length && !lines[end].isEmpty()) {
          end++;
        }
        trees.add(
            ParsedTree.read(
                treeIndex(text, trees.size()),
                Arrays.copyOfRange(lines, line + 1, end),
                featureNames.size()));
        line = end;
      } else if (text.isBlank()) {
        line++;
      } else {
        throw invalid("unexpected line " + (line + 1) + " between trees: '" + text + "'");
      }
    }
    if (line == lines.length) {
      throw invalid("the text ends before '" + END_OF_TREES + "' (truncated?)");
    }
    if (trees.isEmpty()) {
      throw invalid("the model has no trees");
    }
    checkTreeSizes(header, trees.size());
    return new LightGbmModel(
        header.get("objective"),
        outputTransform,
        featureNames,
        ensemble(trees, featureNames.size()));
  }

  private static boolean isTreeStart(String line) {
    return line.startsWith(TREE_PREFIX);
  }

  private static void readHeaderLine(String line, Map<String, String> header, Set<String> flags) {
    if (line.isBlank()) {
      return;
    }
    int equals = line.indexOf('=');
    if (equals < 0) {
      flags.add(line.strip());
    } else {
      header.put(line.substring(0, equals), line.substring(equals + 1));
    }
  }

  private static List<String> featureNames(Map<String, String> header) {
    String version = required(header, "version");
    if (!version.equals("v4")) {
      throw unsupported("format version '" + version + "' (expected v4, written by LightGBM 4.x)");
    }
    int maxFeatureIndex = parseInt(required(header, "max_feature_idx"), "max_feature_idx");
    List<String> names = List.of(required(header, "feature_names").split(" "));
    if (names.size() != maxFeatureIndex + 1) {
      throw invalid(
          "feature_names has " + names.size() + " names but max_feature_idx=" + maxFeatureIndex);
    }
    return names;
  }

  private static DoubleUnaryOperator outputTransform(String objective) {
    String[] parts = objective.split(" ");
    if (parts.length == 1 && IDENTITY_OBJECTIVES.contains(parts[0])) {
      return DoubleUnaryOperator.identity();
    }
    if (parts.length == 2 && parts[0].equals("binary") && parts[1].startsWith("sigmoid:")) {
      double sigmoid = parseDouble(parts[1].substring("sigmoid:".length()), "sigmoid");
      if (!(sigmoid > 0)) {
        throw invalid("binary objective with sigmoid " + sigmoid);
      }
      // BinaryLogloss::ConvertOutput
      return raw -> 1.0 / (1.0 + Math.exp(-sigmoid * raw));
    }
    throw unsupported(
        "objective '"
            + objective
            + "' (supported: "
            + String.join(", ", IDENTITY_OBJECTIVES.stream().sorted().toList())
            + ", binary)");
  }

  private static void checkSingleOutput(Map<String, String> header, Set<String> flags) {
    String classes = required(header, "num_class");
    String treesPerIteration = required(header, "num_tree_per_iteration");
    if (!classes.equals("1") || !treesPerIteration.equals("1")) {
      throw unsupported(
          "multiclass model (num_class="
              + classes
              + ", num_tree_per_iteration="
              + treesPerIteration
              + ")");
    }
    if (flags.contains("average_output")) {
      throw unsupported("average_output (random forest mode averages trees instead of summing)");
    }
  }

  private static int treeIndex(String line, int expected) {
    int index = parseInt(line.substring(TREE_PREFIX.length()), "Tree");
    if (index != expected) {
      throw invalid("found '" + line + "' where Tree=" + expected + " was expected");
    }
    return index;
  }

  private static void checkTreeSizes(Map<String, String> header, int trees) {
    String sizes = header.get("tree_sizes");
    if (sizes != null && sizes.split(" ").length != trees) {
      throw invalid(
          "tree_sizes lists " + sizes.split(" ").length + " trees but " + trees + " were found");
    }
  }

  /** The ensemble layout for the trees: QuickScorer when the trees fit it. */
  private static TreeEnsemble ensemble(List<ParsedTree> trees, int featureCount) {
    return QuickScorer.fits(trees)
        ? QuickScorer.of(trees, featureCount)
        : LockstepWalk.of(trees, featureCount);
  }

  /**
   * One {@code Tree=} block in LightGBM's numbering (a child {@code c >= 0} is a node, {@code c <
   * 0} is leaf {@code ~c}), checked so that every walk stays in bounds and terminates.
   */
  record ParsedTree(
      int[] splitFeatures,
      double[] thresholds,
      int[] decisionTypes,
      int[] leftChildren,
      int[] rightChildren,
      double[] leafValues) {

    static ParsedTree read(int index, String[] lines, int featureCount) {
      String where = "tree " + index + ": ";
      Map<String, String> fields = new HashMap<>();
      for (String line : lines) {
        int equals = line.indexOf('=');
        if (equals < 0) {
          throw invalid(where + "line '" + line + "' is not key=value");
        }
        fields.put(line.substring(0, equals), line.substring(equals + 1));
      }
      int leaves = parseInt(field(fields, "num_leaves", where), where + "num_leaves");
      if (leaves < 1) {
        throw invalid(where + "num_leaves=" + leaves);
      }
      if (!fields.getOrDefault("num_cat", "0").equals("0")) {
        throw unsupported(where + "categorical split (num_cat=" + fields.get("num_cat") + ")");
      }
      if (!fields.getOrDefault("is_linear", "0").equals("0")) {
        throw unsupported(where + "linear tree (is_linear=" + fields.get("is_linear") + ")");
      }
      int nodes = leaves - 1;
      ParsedTree tree =
          new ParsedTree(
              ints(fields, "split_feature", nodes, where),
              doubles(fields, "threshold", nodes, where),
              ints(fields, "decision_type", nodes, where),
              ints(fields, "left_child", nodes, where),
              ints(fields, "right_child", nodes, where),
              doubles(fields, "leaf_value", leaves, where));
      for (int node = 0; node < nodes; node++) {
        tree.checkNode(node, featureCount, where);
      }
      return tree;
    }

    int nodes() {
      return leafValues.length - 1;
    }

    /**
     * The child a value within kZeroThreshold of zero goes to ({@code Tree::NumericalDecision}):
     * the default direction when the missing type is Zero, else 0 is compared with the threshold.
     */
    int zeroChild(int node) {
      return missingType(node) == MISSING_ZERO
          ? defaultChild(node)
          : 0.0 <= thresholds[node] ? leftChildren[node] : rightChildren[node];
    }

    /** The child a NaN goes to: the default direction with missing type NaN, else as a zero. */
    int nanChild(int node) {
      return missingType(node) == MISSING_NAN ? defaultChild(node) : zeroChild(node);
    }

    private int missingType(int node) {
      return (decisionTypes[node] >> 2) & 3;
    }

    private int defaultChild(int node) {
      return (decisionTypes[node] & DEFAULT_LEFT_MASK) != 0
          ? leftChildren[node]
          : rightChildren[node];
    }

    private void checkNode(int node, int featureCount, String where) {
      if ((decisionTypes[node] & CATEGORICAL_MASK) != 0) {
        throw unsupported(where + "categorical split at node " + node);
      }
      if (missingType(node) > MISSING_NAN || decisionTypes[node] >> 4 != 0) {
        throw invalid(where + "decision_type " + decisionTypes[node] + " at node " + node);
      }
      if (splitFeatures[node] < 0 || splitFeatures[node] >= featureCount) {
        throw invalid(where + "node " + node + " splits on feature " + splitFeatures[node]);
      }
      checkChild(node, leftChildren[node], where);
      checkChild(node, rightChildren[node], where);
    }

    /** LightGBM numbers a node after its parent, which also rules out cycles. */
    private void checkChild(int node, int child, String where) {
      boolean valid =
          child >= 0 ? child > node && child < leafValues.length - 1 : ~child < leafValues.length;
      if (!valid) {
        throw invalid(where + "node " + node + " has child " + child + " out of range");
      }
    }
  }

  private static String field(Map<String, String> fields, String key, String where) {
    String value = fields.get(key);
    if (value == null) {
      throw invalid(where + "missing '" + key + "'");
    }
    return value;
  }

  private static String[] values(Map<String, String> fields, String key, int count, String where) {
    String text = field(fields, key, where);
    String[] values = text.isEmpty() ? new String[0] : text.split(" ");
    if (values.length != count) {
      throw invalid(where + key + " has " + values.length + " values, expected " + count);
    }
    return values;
  }

  private static int[] ints(Map<String, String> fields, String key, int count, String where) {
    String[] values = values(fields, key, count, where);
    int[] parsed = new int[count];
    for (int i = 0; i < count; i++) {
      parsed[i] = parseInt(values[i], where + key);
    }
    return parsed;
  }

  private static double[] doubles(Map<String, String> fields, String key, int count, String where) {
    String[] values = values(fields, key, count, where);
    double[] parsed = new double[count];
    for (int i = 0; i < count; i++) {
      parsed[i] = parseDouble(values[i], where + key);
    }
    return parsed;
  }

  private static String required(Map<String, String> header, String key) {
    String value = header.get(key);
    if (value == null) {
      throw invalid("the header has no '" + key + "'");
    }
    return value;
  }

  private static int parseInt(String text, String what) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw invalid(what + ": '" + text + "' is not an integer");
    }
  }

  /**
   * Also reads the infinities LightGBM writes as {@code inf} (e.g. a split that only separates
   * NaN).
   */
  private static double parseDouble(String text, String what) {
    String number = text.strip();
    if (number.equals("inf") || number.equals("+inf")) {
      return Double.POSITIVE_INFINITY;
    }
    if (number.equals("-inf")) {
      return Double.NEGATIVE_INFINITY;
    }
    try {
      return Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw invalid(what + ": '" + text + "' is not a number");
    }
  }

  private static IllegalArgumentException invalid(String reason) {
    return new IllegalArgumentException("invalid LightGBM model: " + reason);
  }

  private static IllegalArgumentException unsupported(String feature) {
    return new IllegalArgumentException("unsupported LightGBM model: " + feature);
  }
}
