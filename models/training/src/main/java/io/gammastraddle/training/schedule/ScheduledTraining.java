package io.gammastraddle.training.schedule;

import io.gammastraddle.registry.FileRegistry;
import io.gammastraddle.training.HyperparameterSearch;
import io.gammastraddle.training.Trainer;
import io.gammastraddle.training.data.TrainingSample;
import io.gammastraddle.training.fit.Hyperparameters;
import io.gammastraddle.training.search.Trial;
import io.github.metarank.lightgbm4j.LGBMException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The trainer's cycle (docs/ml.md): with at least {@code minSamples} samples, run the search when
 * one is due ({@code searchEvery} after the hyperparameters in use were chosen; the initial ones
 * count as chosen at the first cycle, so the first model comes without waiting for a search), keep
 * its best hyperparameters, then one {@link TrainingRun} with the hyperparameters in use.
 */
public final class ScheduledTraining {

  /**
   * The schedule (GammaConfig's {@code trainer.*} settings).
   *
   * @param trainEvery time between cycles
   * @param minSamples fewest samples worth a cycle
   * @param searchEvery time between searches
   * @param searchTrials trials per search
   * @param importanceThreshold below it a feature is reported as weak
   */
  public record Settings(
      Duration trainEvery,
      int minSamples,
      Duration searchEvery,
      int searchTrials,
      double importanceThreshold) {}

  /**
   * What one cycle did.
   *
   * @param samples the samples it had
   * @param search the search it ran, if one was due
   * @param run the training run, empty when there were fewer than the minimum samples
   */
  public record Cycle(
      int samples,
      Optional<HyperparameterSearch.Outcome> search,
      Optional<TrainingRun.Outcome> run) {}

  private final Path registryDirectory;
  private final Settings settings;
  private final Trainer trainer;
  private final long seed;
  private final int columns;
  private final TrainingRun run;
  private final Hyperparameters initial;
  private final Consumer<Trial> trialDone;

  /**
   * @param initial the hyperparameters before the first search ({@link Hyperparameters#defaults()})
   * @param trialDone told after each search trial (for logging)
   */
  public ScheduledTraining(
      Path registryDirectory,
      Settings settings,
      Trainer.Settings trainerSettings,
      List<String> featureNames,
      int schemaVersion,
      Hyperparameters initial,
      Consumer<Trial> trialDone) {
    this.registryDirectory = registryDirectory;
    this.settings = settings;
    this.trainer = new Trainer(trainerSettings);
    this.seed = trainerSettings.seed();
    this.columns = featureNames.size();
    this.run =
        new TrainingRun(
            trainer,
            registryDirectory,
            featureNames,
            schemaVersion,
            settings.importanceThreshold());
    this.initial = initial;
    this.trialDone = trialDone;
  }

  /**
   * When the first cycle is due: {@code trainEvery} after the registry's newest candidate, so a
   * restarted trainer keeps the pace; at once when the registry is empty.
   */
  public long firstCycleAt(long now) {
    List<FileRegistry.Entry> entries = new FileRegistry(registryDirectory).list();
    return entries.isEmpty()
        ? now
        : entries.get(entries.size() - 1).createdAt() + settings.trainEvery().toMillis();
  }

  /**
   * One cycle on {@code samples} (in entry-time order, as the dataset gives them).
   *
   * @throws LGBMException when LightGBM fails
   */
  public Cycle cycle(List<TrainingSample> samples, long now) throws LGBMException {
    if (samples.size() < settings.minSamples()) {
      return new Cycle(samples.size(), Optional.empty(), Optional.empty());
    }
    ChosenHyperparameters chosen =
        ChosenHyperparameters.load(registryDirectory)
            .orElseGet(
                () -> {
                  ChosenHyperparameters first = ChosenHyperparameters.initial(initial, now);
                  first.save(registryDirectory);
                  return first;
                });
    Optional<HyperparameterSearch.Outcome> search = Optional.empty();
    if (now - chosen.chosenAt() >= settings.searchEvery().toMillis()) {
      HyperparameterSearch.Outcome outcome =
          new HyperparameterSearch(trainer, seed)
              .search(
                  samples,
                  columns,
                  settings.searchTrials(),
                  chosen.hyperparameters().rounds(),
                  trialDone);
      chosen =
          new ChosenHyperparameters(
              outcome.best(), now, outcome.trials().size(), outcome.bestLoss());
      chosen.save(registryDirectory);
      search = Optional.of(outcome);
    }
    return new Cycle(
        samples.size(),
        search,
        Optional.of(run.run(samples, chosen.hyperparameters(), search, now)));
  }
}
