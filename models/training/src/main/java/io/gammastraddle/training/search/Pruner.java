package io.gammastraddle.training.search;

import java.util.List;
import java.util.NavigableMap;

/** Decides whether a running trial should stop early. */
@FunctionalInterface
public interface Pruner {

  /** A pruner that never stops a trial. */
  Pruner NEVER = (intermediateValues, trials) -> false;

  /**
   * Whether to stop the running trial.
   *
   * @param intermediateValues what the running trial has reported so far, by step (not empty)
   * @param trials every finished trial of the study, in number order
   */
  boolean shouldPrune(NavigableMap<Integer, Double> intermediateValues, List<Trial> trials);
}
