package io.gammastraddle.cli;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.training.HyperparameterSearch;
import io.gammastraddle.training.ImportanceStability;
import io.gammastraddle.training.Trainer;
import io.gammastraddle.training.data.SampleReader;
import io.gammastraddle.training.data.TrainingSample;
import io.gammastraddle.training.fit.Hyperparameters;
import io.gammastraddle.training.schedule.TrainingRun;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gsb train}: one training run on labelled samples (docs/ml.md): optionally a TPE search,
 * then cross-validation and the final models, the promotion gate, the bundle recorded in the
 * registry, promoted or not, and the run's report; a progress bar on stderr meanwhile.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Trains the size, take-profit and stop-loss models on labelled samples (a file of"
            + " gsb.samples values, one per line) and records the bundle in the registry.")
final class TrainCommand implements Callable<Integer> {

  @Option(names = "--samples", required = true, description = "File of gsb.samples values.")
  Path samples;

  @Option(
      names = "--registry",
      description = "Model registry directory (default: ${DEFAULT-VALUE}).")
  Path registry = Path.of(".gsb", "registry");

  @Option(
      names = "--search",
      description =
          "TPE trials before training; 0 trains with the defaults (default: ${DEFAULT-VALUE}).")
  int searchTrials = 0;

  @Option(
      names = "--seed",
      description = "Seed of the search and of LightGBM (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Mixin ConfigOptions config;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(samples)) {
      throw new IllegalArgumentException("No samples file at " + samples);
    }
    if (searchTrials < 0) {
      throw new IllegalArgumentException("--search must not be negative, got " + searchTrials);
    }
    SampleReader reader = new SampleReader(FeatureSchema.VERSION, FeatureSchema.NAMES);
    try (BufferedReader lines = Files.newBufferedReader(samples, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          reader.accept(line);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(samples + ":" + lineNumber + ": " + e.getMessage(), e);
        }
      }
    }
    List<TrainingSample> training = reader.samples();
    System.out.printf(
        "%,d samples of schema %d (%,d of another schema skipped)%n",
        training.size(), FeatureSchema.VERSION, reader.otherSchema());

    double importanceThreshold = config.load().training().importanceThreshold();
    Trainer.Settings settings = Trainer.Settings.defaults().withSeed(seed);
    Hyperparameters hyperparameters = Hyperparameters.defaults();
    Optional<HyperparameterSearch.Outcome> search = Optional.empty();
    if (searchTrials > 0) {
      ProgressBar bar = new ProgressBar(System.err, "search");
      HyperparameterSearch.Outcome outcome =
          new HyperparameterSearch(new Trainer(settings), seed)
              .search(
                  training,
                  FeatureSchema.NAMES.size(),
                  searchTrials,
                  hyperparameters.rounds(),
                  trial ->
                      bar.advanced(
                          trial.number() + 1,
                          searchTrials,
                          String.format(
                              Locale.ROOT, "trial %s %.4f", trial.state(), trial.value())));
      bar.finish();
      hyperparameters = outcome.best();
      search = Optional.of(outcome);
      System.out.printf(
          Locale.ROOT,
          "search: best loss %.4f (MAE relative to the fallback) in %.1f s: %s%n",
          outcome.bestLoss(),
          outcome.wallTime().toMillis() / 1e3,
          hyperparameters);
    }
    ProgressBar bar = new ProgressBar(System.err, "train");
    TrainingRun.Outcome outcome =
        new TrainingRun(
                new Trainer(settings, bar),
                registry,
                FeatureSchema.NAMES,
                FeatureSchema.VERSION,
                importanceThreshold)
            .run(training, hyperparameters, search, System.currentTimeMillis());
    bar.finish();
    Trainer.Result result = outcome.result();
    System.out.printf(
        Locale.ROOT,
        "trained in %.1f s (cross-validation %.1f s, final models %.1f s)%n",
        (result.crossValidationTime().toMillis() + result.fitTime().toMillis()) / 1e3,
        result.crossValidationTime().toMillis() / 1e3,
        result.fitTime().toMillis() / 1e3);
    for (Trainer.TargetReport report : result.reports().values()) {
      System.out.printf(
          Locale.ROOT,
          "  %-12s out-of-fold MAE %.5f R2 %.3f, folds R2 %s, clipped %.1f%%, %d rounds%n",
          report.target().key(),
          report.outOfFoldMae(),
          report.outOfFoldR2(),
          Arrays.toString(
              Arrays.stream(report.foldR2()).map(r -> Math.round(r * 1000) / 1000.0).toArray()),
          100 * report.clipRate(),
          report.finalRounds());
      System.out.printf(
          Locale.ROOT,
          "  %-12s importance %s; weak (< %.2f): %s%n",
          "",
          top(report.importance().ranked(), 3),
          importanceThreshold,
          report.importance().weak(importanceThreshold));
    }
    System.out.println(
        result
            .stability()
            .map(
                stability ->
                    String.format(
                        Locale.ROOT,
                        "importance stability %.3f against the current model (goal above %.2f)",
                        stability.mean(),
                        ImportanceStability.GOAL))
            .orElse("importance stability: no current model to compare with"));
    System.out.println("bundle " + result.bundle().version() + " " + outcome.decision().reason());
    System.out.println("report in " + outcome.reportDirectory());
    return 0;
  }

  /** The {@code count} largest shares, as {@code f0 62%, f3 9%}. */
  private static String top(Map<String, Double> ranked, int count) {
    return ranked.entrySet().stream()
        .limit(count)
        .map(
            share ->
                String.format(Locale.ROOT, "%s %.0f%%", share.getKey(), 100 * share.getValue()))
        .collect(Collectors.joining(", "));
  }
}
