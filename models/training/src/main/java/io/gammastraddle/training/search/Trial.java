package io.gammastraddle.training.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A finished evaluation of the objective.
 *
 * @param number the position in the study, from 0
 * @param params the parameter values, in the search space's order (integers as {@link Integer})
 * @param state how the trial ended
 * @param value the objective value of a complete trial; NaN otherwise
 * @param intermediateValues the values the objective reported, by step
 */
public record Trial(
    int number,
    Map<String, Number> params,
    State state,
    double value,
    NavigableMap<Integer, Double> intermediateValues) {

  /** How a trial ended. */
  public enum State {
    /** The objective returned a value. */
    COMPLETE,
    /** The objective stopped early because the pruner said so. */
    PRUNED,
    /** The objective returned NaN; samplers and pruners ignore the trial. */
    FAILED
  }

  public Trial {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    Objects.requireNonNull(state, "state");
    intermediateValues = Collections.unmodifiableNavigableMap(new TreeMap<>(intermediateValues));
    if ((state == State.COMPLETE) == Double.isNaN(value)) {
      throw new IllegalArgumentException("a " + state + " trial cannot have value " + value);
    }
  }

  /** Whether the trial returned a value. */
  public boolean isComplete() {
    return state == State.COMPLETE;
  }
}
