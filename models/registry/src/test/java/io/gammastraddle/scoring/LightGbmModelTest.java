package io.gammastraddle.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.scoring.LightGbmFits.Fit;
import io.github.metarank.lightgbm4j.LGBMException;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LightGbmModelTest {
  /** DESIGN section 8: a bundle is refused when the evaluator disagrees with LightGBM by more. */
  private static final double TOLERANCE = 1e-9;

  private static final int TREES = 100;
  private static final double[] TRAINING = LightGbmFits.rows(2_000, 1);
  private static final float[] LABELS = LightGbmFits.labels(TRAINING, 2);
  private static final double[] SCORED = scoredRows();

  private static final Pattern NUM_LEAVES = Pattern.compile("(?m)^num_leaves=(\\d+)$");
  private static final Pattern DECISION_TYPES = Pattern.compile("(?m)^decision_type=(.*)$");

  private static String smallModel;

  /** How LightGBM was told to handle missing values, and the missing type its splits then carry. */
  enum Missing {
    NAN("use_missing=true zero_as_missing=false", 2),
    ZERO("use_missing=true zero_as_missing=true", 1),
    NONE("use_missing=false", 0);

    final String params;
    final int missingType;

    Missing(String params, int missingType) {
      this.params = params;
      this.missingType = missingType;
    }
  }

  @BeforeAll
  static void trainSmallModel() throws LGBMException {
    smallModel = fit("objective=regression num_leaves=4", 5, LABELS).modelText();
  }

  static Stream<Arguments> regressionObjectivesScoreLikeLightGbmWithEveryMissingType() {
    return Stream.of(
            "objective=regression",
            "objective=regression_l1",
            "objective=huber",
            "objective=quantile alpha=0.5",
            "objective=quantile alpha=0.9")
        .flatMap(objective -> Arrays.stream(Missing.values()).map(m -> Arguments.of(objective, m)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource
  void regressionObjectivesScoreLikeLightGbmWithEveryMissingType(String objective, Missing missing)
      throws LGBMException {
    Fit fit = fit(objective + " " + missing.params, TREES, LABELS);

    Set<Integer> missingTypes = missingTypes(fit.modelText());
    if (missing == Missing.NONE) {
      assertThat(missingTypes).containsOnly(Missing.NONE.missingType);
    } else {
      assertThat(missingTypes).contains(missing.missingType);
    }
    assertScoresLikeLightGbm(fit);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "objective=regression num_leaves=255 min_data_in_leaf=2 min_sum_hessian_in_leaf=0",
        "objective=quantile alpha=0.9 num_leaves=400 max_depth=14 min_data_in_leaf=1"
            + " min_sum_hessian_in_leaf=0 zero_as_missing=true"
      })
  void deepTreesScoreLikeLightGbm(String params) throws LGBMException {
    Fit fit = fit(params, 50, LABELS);

    assertThat(maxLeaves(fit.modelText())).isGreaterThanOrEqualTo(200);
    assertScoresLikeLightGbm(fit);
  }

  /** 32 leaves fill QuickScorer's 32-bit leaf sets; 33 send the model to the lockstep walk. */
  @ParameterizedTest
  @ValueSource(ints = {32, 33})
  void treesAtTheQuickScorerLimitScoreLikeLightGbm(int leaves) throws LGBMException {
    Fit fit =
        fit(
            "objective=regression min_data_in_leaf=2 min_sum_hessian_in_leaf=0 num_leaves="
                + leaves,
            20,
            LABELS);

    assertThat(maxLeaves(fit.modelText())).isEqualTo(leaves);
    assertScoresLikeLightGbm(fit);
  }

  @Test
  void refusesWideTreesOnMoreFeaturesThanTheWalksNodesCanName() throws LGBMException {
    String wide =
        fit("objective=regression num_leaves=100 min_data_in_leaf=2", 1, LABELS).modelText();
    String text =
        wide.replace("max_feature_idx=5", "max_feature_idx=70000")
            .replaceFirst("feature_names=.*", "feature_names=" + "f ".repeat(70_000) + "f");

    assertThatThrownBy(() -> LightGbmModel.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70001 features (at most 8388608 leaves and 65536 features)");
  }

  @Test
  void narrowTreesTakeAnyNumberOfFeatures() {
    String text =
        smallModel
            .replace("max_feature_idx=5", "max_feature_idx=70000")
            .replaceFirst("feature_names=.*", "feature_names=" + "f ".repeat(70_000) + "f");

    assertThat(LightGbmModel.parse(text).featureCount()).isEqualTo(70_001);
  }

  @ParameterizedTest
  @ValueSource(strings = {"objective=fair", "objective=mape"})
  void otherIdentityObjectivesScoreLikeLightGbm(String params) throws LGBMException {
    assertScoresLikeLightGbm(fit(params, TREES, LABELS));
  }

  @Test
  void binaryModelAppliesLightGbmsSigmoid() throws LGBMException {
    float[] classes = new float[LABELS.length];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = LABELS[i] > 0 ? 1 : 0;
    }
    Fit fit = fit("objective=binary sigmoid=0.7", TREES, classes);

    LightGbmModel model = LightGbmModel.parse(fit.modelText());
    assertThat(model.objective()).isEqualTo("binary sigmoid:0.7");
    assertThat(Arrays.stream(fit.predictions()).min().getAsDouble()).isBetween(0.0, 0.5);
    assertScoresLikeLightGbm(fit);
  }

  @Test
  void exposesFeaturesObjectiveAndTreeCount() throws LGBMException {
    LightGbmModel model =
        LightGbmModel.parse(fit("objective=quantile alpha=0.9", 30, LABELS).modelText());

    assertThat(model.featureNames()).isEqualTo(LightGbmFits.FEATURE_NAMES);
    assertThat(model.featureCount()).isEqualTo(LightGbmFits.FEATURES);
    assertThat(model.objective()).isEqualTo("quantile");
    assertThat(model.trees()).isEqualTo(30);
  }

  @Test
  void singleLeafTreesScoreTheirOnlyLeaf() throws LGBMException {
    Fit fit = fit("objective=regression min_data_in_leaf=100000", 3, LABELS);

    assertThat(maxLeaves(fit.modelText())).isEqualTo(1);
    assertScoresLikeLightGbm(fit);
  }

  @Test
  void refusesRowsOfTheWrongLength() {
    LightGbmModel model = LightGbmModel.parse(smallModel);

    assertThatThrownBy(() -> model.predict(new double[LightGbmFits.FEATURES - 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expected 6 features, got 5");
  }

  @Test
  void refusesCategoricalSplits() throws LGBMException {
    Random random = new Random(5);
    double[] rows = new double[2_000 * LightGbmFits.FEATURES];
    float[] labels = new float[2_000];
    double[] effectOfCategory = {3, -2, 5, 0, -4, 1, 4, -3, 2, -1};
    for (int r = 0; r < labels.length; r++) {
      int category = random.nextInt(effectOfCategory.length);
      rows[r * LightGbmFits.FEATURES] = category;
      labels[r] = (float) (effectOfCategory[category] + random.nextGaussian() * 0.1);
    }
    String text =
        LightGbmFits.train(
            "objective=regression categorical_feature=0 min_data_per_group=5", 5, rows, labels);

    assertThat(text).containsPattern("(?m)^num_cat=[1-9]");
    assertThatThrownBy(() -> LightGbmModel.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsupported")
        .hasMessageContaining("categorical split");
  }

  @Test
  void refusesMulticlassModels() throws LGBMException {
    float[] classes = new float[LABELS.length];
    for (int i = 0; i < classes.length; i++) {
      classes[i] = LABELS[i] < -1 ? 0 : LABELS[i] < 1 ? 1 : 2;
    }
    // Only the text: lightgbm4j's predictForMat sizes its output for one class and crashes here.
    String text = LightGbmFits.train("objective=multiclass num_class=3", 3, TRAINING, classes);

    assertThatThrownBy(() -> LightGbmModel.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiclass model (num_class=3");
  }

  static Stream<Arguments> refusesMalformedOrUnsupportedText() {
    return Stream.of(
        broken("empty", text -> "", "the model text is empty"),
        broken("garbage", text -> "hello\nworld", "the first line is not 'tree'"),
        broken("header only", text -> "tree\nversion=v4\n", "no 'max_feature_idx'"),
        broken(
            "truncated",
            text -> text.substring(0, text.indexOf("Tree=3")),
            "ends before 'end of trees'"),
        broken(
            "tree missing from tree_sizes",
            text -> text.replaceFirst("Tree=4\n(.+\n)+\n", ""),
            "tree_sizes lists 5 trees but 4 were found"),
        broken("older format", text -> text.replace("version=v4", "version=v3"), "version 'v3'"),
        broken(
            "unsupported objective",
            text -> text.replace("objective=regression", "objective=poisson"),
            "objective 'poisson'"),
        broken(
            "square-root regression",
            text -> text.replace("objective=regression", "objective=regression sqrt"),
            "objective 'regression sqrt'"),
        broken(
            "random forest",
            text -> text.replace("tree_sizes=", "average_output\ntree_sizes="),
            "average_output"),
        broken(
            "linear tree", text -> text.replaceFirst("is_linear=0", "is_linear=1"), "linear tree"),
        broken(
            "child pointing backwards",
            text -> text.replaceFirst("left_child=.*", "left_child=0 0 0"),
            "tree 0: node 0 has child 0 out of range"),
        broken(
            "split on an unknown feature",
            text -> text.replaceFirst("split_feature=\\d+", "split_feature=6"),
            "tree 0: node 0 splits on feature 6"),
        broken(
            "missing leaf value",
            text -> text.replaceFirst("leaf_value=\\S+ ", "leaf_value="),
            "tree 0: leaf_value has 3 values, expected 4"),
        broken(
            "threshold not a number",
            text -> text.replaceFirst("threshold=", "threshold=x"),
            "tree 0: threshold: 'x"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void refusesMalformedOrUnsupportedText(
      String description, UnaryOperator<String> breakText, String expectedMessage) {
    String text = breakText.apply(smallModel);

    assertThatThrownBy(() -> LightGbmModel.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expectedMessage);
  }

  private static Arguments broken(
      String description, UnaryOperator<String> breakText, String expectedMessage) {
    return Arguments.of(description, breakText, expectedMessage);
  }

  private static Fit fit(String params, int trees, float[] labels) throws LGBMException {
    return LightGbmFits.fit(params, trees, TRAINING, labels, SCORED);
  }

  private static void assertScoresLikeLightGbm(Fit fit) {
    LightGbmModel model = LightGbmModel.parse(fit.modelText());

    assertThat(LightGbmFits.maxDifference(model, SCORED, fit.predictions()))
        .as("max |evaluator - LightGBM| over %d rows", fit.predictions().length)
        .isLessThanOrEqualTo(TOLERANCE);
  }

  /** Random rows after rows that are entirely missing, zero, at the zero threshold or infinite. */
  private static double[] scoredRows() {
    double[] edges = {
      Double.NaN,
      0.0,
      -0.0,
      LightGbmModel.ZERO_THRESHOLD,
      -LightGbmModel.ZERO_THRESHOLD,
      1e-36,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY
    };
    double[] random = LightGbmFits.rows(5_000, 3);
    double[] rows = new double[edges.length * LightGbmFits.FEATURES + random.length];
    for (int e = 0; e < edges.length; e++) {
      Arrays.fill(rows, e * LightGbmFits.FEATURES, (e + 1) * LightGbmFits.FEATURES, edges[e]);
    }
    System.arraycopy(random, 0, rows, edges.length * LightGbmFits.FEATURES, random.length);
    return rows;
  }

  private static int maxLeaves(String modelText) {
    return NUM_LEAVES
        .matcher(modelText)
        .results()
        .mapToInt(m -> Integer.parseInt(m.group(1)))
        .max()
        .orElseThrow();
  }

  /** The missing types (decision_type bits 2-3) of every split in the model. */
  private static Set<Integer> missingTypes(String modelText) {
    Matcher lines = DECISION_TYPES.matcher(modelText);
    return lines
        .results()
        .flatMap(line -> Arrays.stream(line.group(1).split(" ")))
        .filter(value -> !value.isEmpty())
        .map(value -> (Integer.parseInt(value) >> 2) & 3)
        .collect(Collectors.toSet());
  }
}
