package io.gammastraddle.training.report;

import io.gammastraddle.training.HyperparameterSearch;
import io.gammastraddle.training.ImportanceStability;
import io.gammastraddle.training.PromotionGate;
import io.gammastraddle.training.Trainer;
import io.gammastraddle.training.fit.Hyperparameters;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one training run did, as {@code report.json} holds it (field names in snake case).
 *
 * @param samples how many samples it trained on, entered from {@code trainedFrom} to {@code
 *     trainedTo} (epoch ms)
 * @param targets per target key ({@code size}, {@code take_profit}, {@code stop_loss})
 * @param stability against the model that was current, null when there was none
 * @param search the search that chose {@code hyperparameters} in this run, null when none ran
 */
public record TrainingReport(
    String version,
    long createdAt,
    int schemaVersion,
    int samples,
    long trainedFrom,
    long trainedTo,
    Hyperparameters hyperparameters,
    Map<String, TargetSummary> targets,
    double importanceThreshold,
    Stability stability,
    Decision decision,
    WallTime wallTimeSeconds,
    Search search) {

  /**
   * One target's cross-validation and final model.
   *
   * @param importance each feature's share of the final model's gain, largest first
   * @param weakFeatures features whose share is below the importance threshold
   */
  public record TargetSummary(
      double[] foldMae,
      double[] foldR2,
      double outOfFoldMae,
      double outOfFoldR2,
      double clipRate,
      int rounds,
      Map<String, Double> importance,
      List<String> weakFeatures) {}

  /** Importance stability per target key and on average, against {@link #goal}. */
  public record Stability(
      Map<String, Double> byTarget, double mean, double goal, boolean meetsGoal) {}

  /** The promotion gate's decision. */
  public record Decision(boolean promoted, String reason) {}

  /** Wall times in seconds; {@code search} is null when no search ran. */
  public record WallTime(double crossValidation, double fit, Double search) {}

  /** The search that ran before this run. */
  public record Search(int trials, double bestLoss) {}

  public static TrainingReport of(
      Trainer.Result result,
      int samples,
      Hyperparameters hyperparameters,
      PromotionGate.Decision decision,
      Optional<HyperparameterSearch.Outcome> search,
      double importanceThreshold) {
    Map<String, TargetSummary> targets = new LinkedHashMap<>();
    for (Trainer.TargetReport report : result.reports().values()) {
      targets.put(
          report.target().key(),
          new TargetSummary(
              report.foldMae(),
              report.foldR2(),
              report.outOfFoldMae(),
              report.outOfFoldR2(),
              report.clipRate(),
              report.finalRounds(),
              report.importance().ranked(),
              report.importance().weak(importanceThreshold)));
    }
    return new TrainingReport(
        result.bundle().version(),
        result.bundle().createdAt(),
        result.bundle().schemaVersion(),
        samples,
        result.bundle().trainedFrom(),
        result.bundle().trainedTo(),
        hyperparameters,
        targets,
        importanceThreshold,
        result.stability().map(TrainingReport::stability).orElse(null),
        new Decision(decision.promote(), decision.reason()),
        new WallTime(
            seconds(result.crossValidationTime()),
            seconds(result.fitTime()),
            search.map(outcome -> seconds(outcome.wallTime())).orElse(null)),
        search
            .map(outcome -> new Search(outcome.trials().size(), outcome.bestLoss()))
            .orElse(null));
  }

  private static Stability stability(ImportanceStability stability) {
    Map<String, Double> byTarget = new LinkedHashMap<>();
    stability.byTarget().forEach((target, overlap) -> byTarget.put(target.key(), overlap));
    return new Stability(
        byTarget, stability.mean(), ImportanceStability.GOAL, stability.meetsGoal());
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
