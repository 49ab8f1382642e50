package io.gammastraddle.training;

import com.microsoft.ml.lightgbm.PredictionType;
import io.gammastraddle.registry.FeatureHistogram;
import io.gammastraddle.registry.ModelBundle;
import io.gammastraddle.registry.ReferenceRow;
import io.gammastraddle.scoring.LightGbmModel;
import io.gammastraddle.scoring.RegressionMetrics;
import io.gammastraddle.training.cv.Fold;
import io.gammastraddle.training.cv.PurgedKFold;
import io.gammastraddle.training.cv.SampleIntervals;
import io.gammastraddle.training.cv.TimeOrderedHoldout;
import io.gammastraddle.training.data.TrainingSample;
import io.gammastraddle.training.fit.Hyperparameters;
import io.gammastraddle.training.fit.LightGbmFit;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * One training run (docs/ml.md): for each target, purged and embargoed K-fold cross-validation
 * (each fold's model stops early on a time-ordered tail of its own training part, so the test fold
 * chooses nothing), then the final model on all samples, stopping early on the time-ordered
 * validation tail; out of that, a {@link ModelBundle} with LightGBM's own reference predictions and
 * the features' reference histograms.
 */
public final class Trainer {

  /**
   * How a run splits and fits.
   *
   * @param lifetime how long the bundle is trusted after it is made
   */
  public record Settings(
      int folds,
      Duration embargo,
      double validationFraction,
      int patience,
      long seed,
      int threads,
      Duration lifetime) {

    /**
     * DESIGN section 10: 5 folds, VAL_SIZE 0.2, EARLY_STOPPING 50; a 1 h embargo, a day's lifetime.
     */
    public static Settings defaults() {
      return new Settings(5, Duration.ofHours(1), 0.2, 50, 42, 2, Duration.ofDays(1));
    }

    public Settings withSeed(long seed) {
      return new Settings(folds, embargo, validationFraction, patience, seed, threads, lifetime);
    }

    public Settings withEmbargo(Duration embargo) {
      return new Settings(folds, embargo, validationFraction, patience, seed, threads, lifetime);
    }

    public Settings withLifetime(Duration lifetime) {
      return new Settings(folds, embargo, validationFraction, patience, seed, threads, lifetime);
    }
  }

  /**
   * Cross-validation of one target: per fold and over the out-of-fold predictions, and the final
   * model's feature importance.
   *
   * @param outOfFold each sample's prediction by the fold model that did not train on it
   * @param realized each sample's target value, what {@code outOfFold} predicted
   */
  public record TargetReport(
      Target target,
      double[] foldMae,
      double[] foldR2,
      double[] outOfFold,
      double[] realized,
      double outOfFoldMae,
      double outOfFoldR2,
      double clipRate,
      int finalRounds,
      FeatureImportance importance) {}

  /**
   * The bundle and what cross-validation said of it.
   *
   * @param stability of the importances against the previous model; empty without one
   * @param crossValidationTime, fitTime wall time of the fold models and of the final models
   */
  public record Result(
      ModelBundle bundle,
      Map<Target, TargetReport> reports,
      Optional<ImportanceStability> stability,
      Duration crossValidationTime,
      Duration fitTime) {}

  /** Told after each fit of a run, for a progress display. */
  @FunctionalInterface
  public interface Progress {

    Progress NONE = (done, total, step) -> {};

    /**
     * @param done fits finished of {@code total}: the folds of every target, then the final fits
     * @param step what just finished, e.g. {@code size fold 3/5} or {@code size final model}
     */
    void advanced(int done, int total, String step);
  }

  static final int REFERENCE_ROWS = 64;
  static final int HISTOGRAM_BINS = 10;
  static final int MIN_HISTOGRAM_ROWS = 200;
  private static final DateTimeFormatter VERSION =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Settings settings;
  private final LightGbmFit fit;
  private final Progress progress;

  public Trainer(Settings settings) {
    this(settings, Progress.NONE);
  }

  public Trainer(Settings settings, Progress progress) {
    this.settings = settings;
    this.fit = new LightGbmFit(settings.seed(), settings.threads());
    this.progress = progress;
  }

  /**
   * Trains the three models on {@code samples} (in entry-time order, as {@link
   * io.gammastraddle.training.data.SampleReader} gives them).
   *
   * @param previous the current model, against which the importance stability is measured
   */
  public Result train(
      List<TrainingSample> samples,
      List<String> featureNames,
      int schemaVersion,
      Hyperparameters hyperparameters,
      long now,
      Optional<ModelBundle> previous)
      throws LGBMException {
    Prepared data = prepare(samples, featureNames.size());
    Map<Target, TargetReport> reports = new EnumMap<>(Target.class);
    Map<Target, String> models = new EnumMap<>(Target.class);
    int total = Target.values().length * (data.folds.size() + 1);
    int[] done = {0};
    long crossValidationNanos = 0;
    long fitNanos = 0;
    for (Target target : Target.values()) {
      long started = System.nanoTime();
      CrossValidated validated =
          crossValidate(
              data,
              target,
              hyperparameters,
              fold ->
                  progress.advanced(
                      ++done[0],
                      total,
                      target.key() + " fold " + (fold + 1) + "/" + data.folds.size()));
      long validatedAt = System.nanoTime();
      crossValidationNanos += validatedAt - started;
      LightGbmFit.Fitted fitted =
          fit.fit(
              data.features,
              data.columns,
              validated.labels,
              data.finalSplit.train(),
              data.finalSplit.test(),
              hyperparameters,
              settings.patience(),
              round -> true);
      fitNanos += System.nanoTime() - validatedAt;
      progress.advanced(++done[0], total, target.key() + " final model");
      models.put(target, fitted.modelText());
      reports.put(
          target,
          validated.report(fitted.rounds(), FeatureImportance.ofGain(featureNames, fitted.gain())));
    }
    Map<Target, FeatureImportance> importances = new EnumMap<>(Target.class);
    reports.forEach((target, report) -> importances.put(target, report.importance()));
    Optional<ImportanceStability> stability =
        previous.flatMap(model -> ImportanceStability.between(importances, model));
    ModelBundle bundle =
        new ModelBundle(
            VERSION.format(Instant.ofEpochMilli(now)),
            schemaVersion,
            featureNames,
            models.get(Target.SIZE),
            models.get(Target.TAKE_PROFIT),
            models.get(Target.STOP_LOSS),
            histograms(featureNames, data.features, samples),
            referenceRows(models, data.features, data.columns),
            samples.get(0).entryTime(),
            samples.get(samples.size() - 1).entryTime(),
            metrics(reports, stability),
            now,
            now + settings.lifetime().toMillis());
    bundle.load();
    return new Result(
        bundle,
        reports,
        stability,
        Duration.ofNanos(crossValidationNanos),
        Duration.ofNanos(fitNanos));
  }

  /** The samples as LightGBM takes them, with their folds and final split. */
  static final class Prepared {
    final List<TrainingSample> samples;
    final int columns;
    final double[] features;
    final SampleIntervals intervals;
    final List<Fold> folds;
    final Fold finalSplit;

    private Prepared(List<TrainingSample> samples, int columns, Settings settings) {
      this.samples = samples;
      this.columns = columns;
      this.features = new double[samples.size() * columns];
      long[] starts = new long[samples.size()];
      long[] ends = new long[samples.size()];
      for (int i = 0; i < samples.size(); i++) {
        System.arraycopy(samples.get(i).features(), 0, features, i * columns, columns);
        starts[i] = samples.get(i).entryTime();
        ends[i] = samples.get(i).endTime();
      }
      this.intervals = SampleIntervals.of(starts, ends);
      this.folds = new PurgedKFold(settings.folds(), settings.embargo()).split(intervals);
      this.finalSplit = new TimeOrderedHoldout(settings.validationFraction()).split(intervals);
    }
  }

  Prepared prepare(List<TrainingSample> samples, int columns) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples to train on");
    }
    return new Prepared(samples, columns, settings);
  }

  /** One target's labels and cross-validation, before its final model. */
  private record CrossValidated(
      Target target,
      float[] labels,
      double[] foldMae,
      double[] foldR2,
      double[] outOfFold,
      double clipRate) {

    TargetReport report(int finalRounds, FeatureImportance importance) {
      double[] actual = toDouble(labels);
      return new TargetReport(
          target,
          foldMae,
          foldR2,
          outOfFold,
          actual,
          RegressionMetrics.mae(actual, outOfFold),
          RegressionMetrics.r2(actual, outOfFold),
          clipRate,
          finalRounds,
          importance);
    }
  }

  /** The out-of-fold MAE of one target with these hyperparameters (the search's loss). */
  double crossValidatedMae(Prepared data, Target target, Hyperparameters hyperparameters)
      throws LGBMException {
    CrossValidated validated = crossValidate(data, target, hyperparameters, fold -> {});
    return RegressionMetrics.mae(toDouble(validated.labels), validated.outOfFold);
  }

  private CrossValidated crossValidate(
      Prepared data, Target target, Hyperparameters hyperparameters, IntConsumer foldDone)
      throws LGBMException {
    List<TrainingSample> samples = data.samples;
    float[] labels = new float[samples.size()];
    int clipped = 0;
    for (int i = 0; i < samples.size(); i++) {
      labels[i] = (float) target.of(samples.get(i));
      clipped += target.clipped(samples.get(i)) ? 1 : 0;
    }
    double[] outOfFold = new double[samples.size()];
    double[] foldMae = new double[data.folds.size()];
    double[] foldR2 = new double[data.folds.size()];
    for (Fold fold : data.folds) {
      Fold inner = innerHoldout(fold.train(), data.intervals);
      String model =
          fit.fit(
                  data.features,
                  data.columns,
                  labels,
                  inner.train(),
                  inner.test(),
                  hyperparameters,
                  settings.patience(),
                  round -> true)
              .modelText();
      double[] predicted =
          predict(LightGbmModel.parse(model), data.features, data.columns, fold.test());
      double[] actual = select(labels, fold.test());
      foldMae[fold.index()] = RegressionMetrics.mae(actual, predicted);
      foldR2[fold.index()] = RegressionMetrics.r2(actual, predicted);
      for (int i = 0; i < predicted.length; i++) {
        outOfFold[fold.test()[i]] = predicted[i];
      }
      foldDone.accept(fold.index());
    }
    return new CrossValidated(
        target, labels, foldMae, foldR2, outOfFold, (double) clipped / samples.size());
  }

  /** The time-ordered tail of a fold's training samples, purged like the fold itself. */
  private Fold innerHoldout(int[] train, SampleIntervals intervals) {
    long[] starts = new long[train.length];
    long[] ends = new long[train.length];
    for (int i = 0; i < train.length; i++) {
      starts[i] = intervals.start(train[i]);
      ends[i] = intervals.end(train[i]);
    }
    Fold local =
        new TimeOrderedHoldout(settings.validationFraction())
            .split(SampleIntervals.of(starts, ends));
    return new Fold(0, select(train, local.train()), select(train, local.test()));
  }

  private static double[] predict(LightGbmModel model, double[] features, int columns, int[] rows) {
    double[] predictions = new double[rows.length];
    double[] row = new double[columns];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(features, rows[i] * columns, row, 0, columns);
      predictions[i] = model.predict(row);
    }
    return predictions;
  }

  /**
   * Rows spread over the data with LightGBM's own predictions, so the job can check its evaluator
   * against LightGBM when it loads the bundle.
   */
  private static List<ReferenceRow> referenceRows(
      Map<Target, String> models, double[] features, int columns) throws LGBMException {
    int rows = features.length / columns;
    List<ReferenceRow> references = new ArrayList<>();
    try (LGBMBooster size = LGBMBooster.loadModelFromString(models.get(Target.SIZE));
        LGBMBooster takeProfit = LGBMBooster.loadModelFromString(models.get(Target.TAKE_PROFIT));
        LGBMBooster stopLoss = LGBMBooster.loadModelFromString(models.get(Target.STOP_LOSS))) {
      int count = Math.min(REFERENCE_ROWS, rows);
      for (int i = 0; i < count; i++) {
        int index = (int) ((long) i * rows / count);
        double[] row = Arrays.copyOfRange(features, index * columns, index * columns + columns);
        references.add(
            new ReferenceRow(
                row,
                size.predictForMatSingleRow(row, PredictionType.C_API_PREDICT_NORMAL),
                takeProfit.predictForMatSingleRow(row, PredictionType.C_API_PREDICT_NORMAL),
                stopLoss.predictForMatSingleRow(row, PredictionType.C_API_PREDICT_NORMAL)));
      }
    }
    return references;
  }

  /**
   * Decile bins of each feature's training values, for PSI drift checks in the job: over every row,
   * then over the rows of each underlying that has at least {@link #MIN_HISTOGRAM_ROWS} (an
   * underlying's volumes or depths live on their own scale, so the pooled bins would show it as
   * drifting all the time).
   */
  static List<FeatureHistogram> histograms(
      List<String> names, double[] features, List<TrainingSample> samples) {
    List<FeatureHistogram> histograms = new ArrayList<>();
    int[] everyRow = new int[samples.size()];
    Map<String, List<Integer>> rowsByUnderlying = new LinkedHashMap<>();
    for (int i = 0; i < samples.size(); i++) {
      everyRow[i] = i;
      rowsByUnderlying.computeIfAbsent(samples.get(i).underlying(), u -> new ArrayList<>()).add(i);
    }
    for (int j = 0; j < names.size(); j++) {
      histograms.add(histogram(names.get(j), "", features, names.size(), j, everyRow));
    }
    for (Map.Entry<String, List<Integer>> underlying : rowsByUnderlying.entrySet()) {
      if (underlying.getValue().size() >= MIN_HISTOGRAM_ROWS) {
        int[] rows = underlying.getValue().stream().mapToInt(Integer::intValue).toArray();
        for (int j = 0; j < names.size(); j++) {
          histograms.add(
              histogram(names.get(j), underlying.getKey(), features, names.size(), j, rows));
        }
      }
    }
    return histograms;
  }

  private static FeatureHistogram histogram(
      String name, String underlying, double[] features, int columns, int column, int[] rows) {
    double[] values = new double[rows.length];
    int present = 0;
    for (int row : rows) {
      double value = features[row * columns + column];
      if (!Double.isNaN(value)) {
        values[present++] = value;
      }
    }
    double[] sorted = Arrays.copyOf(values, present);
    Arrays.sort(sorted);
    double[] edges = decileEdges(sorted);
    double[] shares = new double[edges.length + 1];
    for (double value : sorted) {
      shares[FeatureHistogram.binOf(edges, value)] += 1.0 / present;
    }
    return new FeatureHistogram(
        name,
        underlying,
        edges,
        shares,
        rows.length == 0 ? 0 : (double) (rows.length - present) / rows.length,
        present == 0 ? new double[0] : new double[] {sorted[0], sorted[present - 1]});
  }

  /** Distinct inner decile edges of sorted values (none for a constant or absent feature). */
  private static double[] decileEdges(double[] sorted) {
    double[] edges = new double[HISTOGRAM_BINS - 1];
    int count = 0;
    for (int k = 1; k < HISTOGRAM_BINS && sorted.length > 0; k++) {
      double edge = sorted[(int) ((long) k * sorted.length / HISTOGRAM_BINS)];
      if (edge > sorted[0] && (count == 0 || edge > edges[count - 1])) {
        edges[count++] = edge;
      }
    }
    return Arrays.copyOf(edges, count);
  }

  private static Map<String, Double> metrics(
      Map<Target, TargetReport> reports, Optional<ImportanceStability> stability) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (TargetReport report : reports.values()) {
      metrics.put(report.target().key() + ".mae", report.outOfFoldMae());
      metrics.put(report.target().key() + ".r2", report.outOfFoldR2());
      metrics.put(report.target().key() + ".clip_rate", report.clipRate());
      // The job scales positions by the model's error against the fallback's before it has
      // resolved samples of its own.
      metrics.put(
          report.target().key() + ".fallback_mae",
          RegressionMetrics.mae(
              report.realized(),
              filled(report.realized().length, PromotionGate.fallback(report.target()))));
      metrics.putAll(report.importance().asMetrics(report.target()));
    }
    stability.ifPresent(
        value -> {
          metrics.put(ImportanceStability.METRIC, value.mean());
          value
              .byTarget()
              .forEach(
                  (target, overlap) ->
                      metrics.put(target.key() + "." + ImportanceStability.METRIC, overlap));
        });
    return metrics;
  }

  private static double[] filled(int length, double value) {
    double[] values = new double[length];
    Arrays.fill(values, value);
    return values;
  }

  private static int[] select(int[] values, int[] indices) {
    int[] selected = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      selected[i] = values[indices[i]];
    }
    return selected;
  }

  private static double[] select(float[] values, int[] indices) {
    double[] selected = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      selected[i] = values[indices[i]];
    }
    return selected;
  }

  private static double[] toDouble(float[] values) {
    double[] doubles = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      doubles[i] = values[i];
    }
    return doubles;
  }
}
