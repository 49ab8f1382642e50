package io.gammastraddle.training.search;

/**
 * Thrown by an {@link Objective} to stop a trial the pruner gave up on, after {@link
 * TrialContext#shouldPrune()} returned true (as Optuna's {@code raise optuna.TrialPruned()}). The
 * study records the trial as {@link Trial.State#PRUNED}.
 */
public final class TrialPrunedException extends RuntimeException {

  public TrialPrunedException() {
    super("trial pruned", null, false, false);
  }
}
