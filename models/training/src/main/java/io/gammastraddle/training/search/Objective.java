package io.gammastraddle.training.search;

/**
 * The function a {@link Study} minimises. A long-running objective (boosting rounds) reports
 * intermediate values and stops when the pruner says so:
 *
 * <pre>{@code
 * Objective objective = trial -> {
 *   for (int round = 1; round <= rounds; round++) {
 *     double loss = trainOneRoundAndValidate(trial.params());
 *     trial.report(round, loss);
 *     if (trial.shouldPrune()) {
 *       throw new TrialPrunedException();
 *     }
 *   }
 *   return bestLoss;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Objective {

  /**
   * The value to minimise for the trial's parameters; NaN marks the trial failed.
   *
   * @throws TrialPrunedException to stop a trial the pruner gave up on
   */
  double evaluate(TrialContext trial);
}
