package io.gammastraddle.training.search;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running trial as the {@link Objective} sees it: its parameters, and a place to report
 * intermediate values and ask the pruner whether to go on. Made by {@link Study}.
 */
public final class TrialContext {

  private final int number;
  private final Map<String, Number> params;
  private final Pruner pruner;
  private final List<Trial> finishedTrials;
  private final TreeMap<Integer, Double> intermediateValues = new TreeMap<>();

  TrialContext(int number, Map<String, Number> params, Pruner pruner, List<Trial> finishedTrials) {
    this.number = number;
    this.params = params;
    this.pruner = pruner;
    this.finishedTrials = finishedTrials;
  }

  /** The trial's position in the study, from 0. */
  public int number() {
    return number;
  }

  /** The parameter values to evaluate, integers as {@link Integer} and floats as {@link Double}. */
  public Map<String, Number> params() {
    return params;
  }

  /**
   * Records the objective's value after {@code step} (a boosting round, an epoch) for the pruner.
   *
   * @throws IllegalArgumentException if the step is negative or was already reported
   */
  public void report(int step, double value) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    if (intermediateValues.putIfAbsent(step, value) != null) {
      throw new IllegalArgumentException("step " + step + " was already reported");
    }
  }

  /** Whether the pruner wants the trial stopped; false until something was reported. */
  public boolean shouldPrune() {
    return !intermediateValues.isEmpty()
        && pruner.shouldPrune(
            Collections.unmodifiableNavigableMap(intermediateValues), finishedTrials);
  }

  Trial finish(Trial.State state, double value) {
    return new Trial(number, params, state, value, intermediateValues);
  }
}
