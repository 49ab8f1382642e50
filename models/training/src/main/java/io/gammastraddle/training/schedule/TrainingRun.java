package io.gammastraddle.training.schedule;

import io.gammastraddle.registry.FileRegistry;
import io.gammastraddle.registry.ModelBundle;
import io.gammastraddle.training.HyperparameterSearch;
import io.gammastraddle.training.PromotionGate;
import io.gammastraddle.training.Trainer;
import io.gammastraddle.training.data.TrainingSample;
import io.gammastraddle.training.fit.Hyperparameters;
import io.gammastraddle.training.report.ReportWriter;
import io.gammastraddle.training.report.TrainingReport;
import io.github.metarank.lightgbm4j.LGBMException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One training run end to end, as {@code gsb train} and {@code gsb trainer} do it: the three models
 * (importance stability measured against the registry's current bundle), the promotion gate, the
 * bundle recorded in the registry with the decision, and the report in {@code
 * {registry}/reports/{version}/}.
 */
public final class TrainingRun {

  /** What the run made and decided, and where its report is. */
  public record Outcome(
      Trainer.Result result,
      PromotionGate.Decision decision,
      TrainingReport report,
      Path reportDirectory) {

    public ModelBundle bundle() {
      return result.bundle();
    }
  }

  private final Trainer trainer;
  private final Path registryDirectory;
  private final FileRegistry registry;
  private final List<String> featureNames;
  private final int schemaVersion;
  private final double importanceThreshold;

  public TrainingRun(
      Trainer trainer,
      Path registryDirectory,
      List<String> featureNames,
      int schemaVersion,
      double importanceThreshold) {
    this.trainer = trainer;
    this.registryDirectory = registryDirectory;
    this.registry = new FileRegistry(registryDirectory);
    this.featureNames = List.copyOf(featureNames);
    this.schemaVersion = schemaVersion;
    this.importanceThreshold = importanceThreshold;
  }

  /** Where the reports of a registry go, one directory per bundle version. */
  public static Path reportsDirectory(Path registryDirectory) {
    return registryDirectory.resolve("reports");
  }

  /**
   * @param search the search that chose {@code hyperparameters} just before, for the report
   */
  public Outcome run(
      List<TrainingSample> samples,
      Hyperparameters hyperparameters,
      Optional<HyperparameterSearch.Outcome> search,
      long now)
      throws LGBMException {
    Optional<ModelBundle> current = registry.current();
    Trainer.Result result =
        trainer.train(samples, featureNames, schemaVersion, hyperparameters, now, current);
    PromotionGate.Decision decision = PromotionGate.decide(result, samples, current);
    registry.record(
        result.bundle(),
        decision.promote() ? FileRegistry.Status.PROMOTED : FileRegistry.Status.REJECTED,
        decision.reason());
    TrainingReport report =
        TrainingReport.of(
            result, samples.size(), hyperparameters, decision, search, importanceThreshold);
    Path directory = reportsDirectory(registryDirectory).resolve(result.bundle().version());
    ReportWriter.write(directory, report, result);
    return new Outcome(result, decision, report, directory);
  }
}
