package io.gammastraddle.cli;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.registry.FileRegistry;
import io.gammastraddle.training.HyperparameterSearch;
import io.gammastraddle.training.PromotionGate;
import io.gammastraddle.training.Trainer;
import io.gammastraddle.training.data.SampleReader;
import io.gammastraddle.training.data.TrainingSample;
import io.gammastraddle.training.fit.Hyperparameters;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gsb train}: one training run on labelled samples (docs/ml.md): optionally a TPE search,
 * then cross-validation and the final models, the promotion gate, and the bundle recorded in the
 * registry, promoted or not.
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

    Trainer trainer = new Trainer(Trainer.Settings.defaults().withSeed(seed));
    Hyperparameters hyperparameters = Hyperparameters.defaults();
    if (searchTrials > 0) {
      HyperparameterSearch.Outcome outcome =
          new HyperparameterSearch(trainer, seed)
              .search(
                  training,
                  FeatureSchema.NAMES.size(),
                  searchTrials,
                  hyperparameters.rounds(),
                  trial ->
                      System.out.printf(
                          "  trial %d/%d %s %s%n",
                          trial.number() + 1, searchTrials, trial.state(), trial.value()));
      hyperparameters = outcome.best();
      System.out.printf(
          "search: best loss %.4f (MAE relative to the fallback) in %s: %s%n",
          outcome.bestLoss(), outcome.wallTime(), hyperparameters);
    }
    long started = System.nanoTime();
    Trainer.Result result =
        trainer.train(
            training,
            FeatureSchema.NAMES,
            FeatureSchema.VERSION,
            hyperparameters,
            System.currentTimeMillis());
    System.out.printf("trained in %.1f s%n", (System.nanoTime() - started) / 1e9);
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
    }
    FileRegistry models = new FileRegistry(registry);
    PromotionGate.Decision decision = PromotionGate.decide(result, training, models.current());
    models.record(
        result.bundle(),
        decision.promote() ? FileRegistry.Status.PROMOTED : FileRegistry.Status.REJECTED,
        decision.reason());
    System.out.println("bundle " + result.bundle().version() + " " + decision.reason());
    return 0;
  }
}
