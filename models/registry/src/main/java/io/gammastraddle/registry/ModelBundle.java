package io.gammastraddle.registry;

import io.gammastraddle.scoring.LightGbmModel;
import java.util.List;
import java.util.Map;

/**
 * Everything the job needs to score with one trained model generation (DESIGN section 8): the three
 * LightGBM models in LightGBM's text format, the feature schema they were trained on, the reference
 * histograms for drift, reference predictions for checking the evaluator, the training window,
 * metrics, and when it was made and stops being trusted.
 *
 * @param version unique, increasing with creation time (e.g. {@code 20261125T1930Z-3f2a})
 * @param schemaVersion the feature schema the models expect
 * @param featureNames the features in model order
 * @param sizeModel, takeProfitModel, stopLossModel LightGBM text models
 * @param histograms the training data of each feature, in model order, over every underlying, then
 *     the same per underlying (an underlying's features can live on their own scale: volumes)
 * @param trainedFrom, trainedTo the training window (sample entry times, epoch ms)
 * @param metrics named out-of-sample metrics (e.g. {@code size.r2}, {@code take_profit.mae})
 * @param createdAt, expiresAt epoch ms; the job falls back to conservative parameters after expiry
 */
public record ModelBundle(
    String version,
    int schemaVersion,
    List<String> featureNames,
    String sizeModel,
    String takeProfitModel,
    String stopLossModel,
    List<FeatureHistogram> histograms,
    List<ReferenceRow> referenceRows,
    long trainedFrom,
    long trainedTo,
    Map<String, Double> metrics,
    long createdAt,
    long expiresAt) {

  /** Largest difference allowed between the project's evaluator and LightGBM (DESIGN section 8). */
  public static final double MAX_REFERENCE_DIFFERENCE = 1e-9;

  public ModelBundle {
    featureNames = List.copyOf(featureNames);
    histograms = List.copyOf(histograms);
    referenceRows = List.copyOf(referenceRows);
    metrics = Map.copyOf(metrics);
  }

  public ModelBundle withVersion(String version) {
    return copy(version, histograms, referenceRows, metrics);
  }

  public ModelBundle withMetrics(Map<String, Double> metrics) {
    return copy(version, histograms, referenceRows, metrics);
  }

  public ModelBundle withHistograms(List<FeatureHistogram> histograms) {
    return copy(version, histograms, referenceRows, metrics);
  }

  public ModelBundle withReferenceRows(List<ReferenceRow> referenceRows) {
    return copy(version, histograms, referenceRows, metrics);
  }

  private ModelBundle copy(
      String version,
      List<FeatureHistogram> histograms,
      List<ReferenceRow> referenceRows,
      Map<String, Double> metrics) {
    return new ModelBundle(
        version,
        schemaVersion,
        featureNames,
        sizeModel,
        takeProfitModel,
        stopLossModel,
        histograms,
        referenceRows,
        trainedFrom,
        trainedTo,
        metrics,
        createdAt,
        expiresAt);
  }

  /**
   * The drift reference for {@code underlying}, one histogram per feature in model order: its own
   * training data's when the bundle has them for every feature, else every underlying's.
   */
  public List<FeatureHistogram> driftReference(String underlying) {
    List<FeatureHistogram> own =
        histograms.stream().filter(h -> h.underlying().equals(underlying)).toList();
    return own.size() == featureNames.size()
        ? own
        : histograms.stream().filter(h -> h.underlying().isEmpty()).toList();
  }

  /** The three models parsed and checked, ready to score. */
  public record Scorers(LightGbmModel size, LightGbmModel takeProfit, LightGbmModel stopLoss) {}

  /**
   * Parses the three models and checks them against the reference predictions and the feature list.
   *
   * @throws IllegalArgumentException saying why the bundle is refused: a model that does not parse,
   *     expects other features, or predicts a reference row more than {@link
   *     #MAX_REFERENCE_DIFFERENCE} away from LightGBM
   */
  public Scorers load() {
    if (referenceRows.isEmpty()) {
      throw new IllegalArgumentException("bundle " + version + " has no reference predictions");
    }
    LightGbmModel size = parse("size", sizeModel);
    LightGbmModel takeProfit = parse("take-profit", takeProfitModel);
    LightGbmModel stopLoss = parse("stop-loss", stopLossModel);
    for (ReferenceRow row : referenceRows) {
      check("size", size, row.features(), row.size());
      check("take-profit", takeProfit, row.features(), row.takeProfit());
      check("stop-loss", stopLoss, row.features(), row.stopLoss());
    }
    return new Scorers(size, takeProfit, stopLoss);
  }

  private LightGbmModel parse(String target, String text) {
    LightGbmModel model;
    try {
      model = LightGbmModel.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bundle " + version + ": the " + target + " model does not parse: " + e.getMessage(), e);
    }
    if (model.featureCount() != featureNames.size()) {
      throw new IllegalArgumentException(
          "bundle "
              + version
              + ": the "
              + target
              + " model takes "
              + model.featureCount()
              + " features, the bundle names "
              + featureNames.size());
    }
    return model;
  }

  private void check(String target, LightGbmModel model, double[] row, double expected) {
    double actual = model.predict(row);
    if (!(Math.abs(actual - expected) <= MAX_REFERENCE_DIFFERENCE)) {
      throw new IllegalArgumentException(
          "bundle "
              + version
              + ": the "
              + target
              + " model predicts "
              + actual
              + " where LightGBM predicted "
              + expected);
    }
  }
}
