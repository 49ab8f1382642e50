package io.gammastraddle.training;

import io.gammastraddle.scoring.LightGbmModel;
import io.gammastraddle.training.data.TrainingSample;
import io.gammastraddle.training.fit.Hyperparameters;
import io.gammastraddle.training.search.MedianPruner;
import io.gammastraddle.training.search.Parameter;
import io.gammastraddle.training.search.SearchSpace;
import io.gammastraddle.training.search.Study;
import io.gammastraddle.training.search.TpeSampler;
import io.gammastraddle.training.search.Trial;
import io.gammastraddle.training.search.TrialContext;
import io.gammastraddle.training.search.TrialPrunedException;
import io.github.metarank.lightgbm4j.LGBMException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The hyperparameter search (DESIGN section 8): TPE over learning rate, depth, leaves, minimum
 * child weight and the feature and bagging fractions, the original defaults as the first trial. A
 * trial's loss is the out-of-fold MAE of each target relative to the fallback parameters' MAE,
 * averaged over the three targets, so no target dominates by its scale; it is reported after each
 * target, and the median pruner stops a trial that is already worse than the median of finished
 * ones.
 */
public final class HyperparameterSearch {

  static final SearchSpace SPACE =
      SearchSpace.of(
          Parameter.logUniform("learning_rate", 0.005, 0.3),
          Parameter.intUniform("max_depth", 3, 12),
          // At most 32 leaves, so that every model the search picks scores with QuickScorer
          // (LightGbmModel), which DESIGN section 12's p99 <= 50 us for three models needs.
          Parameter.intLogUniform("num_leaves", 7, LightGbmModel.QUICK_SCORER_MAX_LEAVES),
          Parameter.logUniform("min_child_weight", 0.01, 10),
          Parameter.uniform("feature_fraction", 0.5, 1),
          Parameter.uniform("bagging_fraction", 0.5, 1));

  /** The best settings found, every trial, and how long the search took. */
  public record Outcome(
      Hyperparameters best, double bestLoss, List<Trial> trials, Duration wallTime) {}

  private final Trainer trainer;
  private final long seed;

  public HyperparameterSearch(Trainer trainer, long seed) {
    this.trainer = trainer;
    this.seed = seed;
  }

  /**
   * Runs {@code trials} trials on {@code samples}, the defaults first.
   *
   * @param rounds the boosting rounds every trial may use (early stopping ends most sooner)
   * @param progress told after each trial
   */
  public Outcome search(
      List<TrainingSample> samples, int columns, int trials, int rounds, Consumer<Trial> progress) {
    long started = System.nanoTime();
    Trainer.Prepared data = trainer.prepare(samples, columns);
    Map<Target, Double> fallbackMae = new LinkedHashMap<>();
    for (Target target : Target.values()) {
      fallbackMae.put(target, PromotionGate.fallbackMae(target, samples));
    }
    Study study = new Study(SPACE, new TpeSampler(seed), new MedianPruner());
    study.enqueue(parameters(Hyperparameters.defaults()));
    for (int i = 0; i < trials; i++) {
      progress.accept(study.runTrial(trial -> loss(trial, data, rounds, fallbackMae)));
    }
    Trial best =
        study
            .best()
            .orElseThrow(() -> new IllegalStateException("no trial of the search finished"));
    return new Outcome(
        hyperparameters(best.params(), rounds),
        best.value(),
        study.trials(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private double loss(
      TrialContext trial, Trainer.Prepared data, int rounds, Map<Target, Double> fallbackMae) {
    Hyperparameters hyperparameters = hyperparameters(trial.params(), rounds);
    double sum = 0;
    int step = 0;
    for (Target target : Target.values()) {
      try {
        sum += trainer.crossValidatedMae(data, target, hyperparameters) / fallbackMae.get(target);
      } catch (LGBMException e) {
        throw new IllegalStateException("LightGBM failed in trial " + trial.number(), e);
      }
      step++;
      trial.report(step, sum / step);
      if (trial.shouldPrune()) {
        throw new TrialPrunedException();
      }
    }
    return sum / step;
  }

  static Map<String, Number> parameters(Hyperparameters hyperparameters) {
    Map<String, Number> parameters = new LinkedHashMap<>();
    parameters.put("learning_rate", hyperparameters.learningRate());
    parameters.put("max_depth", hyperparameters.maxDepth());
    parameters.put("num_leaves", hyperparameters.numLeaves());
    parameters.put("min_child_weight", hyperparameters.minChildWeight());
    parameters.put("feature_fraction", hyperparameters.featureFraction());
    parameters.put("bagging_fraction", hyperparameters.baggingFraction());
    return parameters;
  }

  static Hyperparameters hyperparameters(Map<String, Number> parameters, int rounds) {
    return new Hyperparameters(
        rounds,
        parameters.get("learning_rate").doubleValue(),
        parameters.get("max_depth").intValue(),
        parameters.get("num_leaves").intValue(),
        parameters.get("min_child_weight").doubleValue(),
        parameters.get("feature_fraction").doubleValue(),
        parameters.get("bagging_fraction").doubleValue());
  }
}
