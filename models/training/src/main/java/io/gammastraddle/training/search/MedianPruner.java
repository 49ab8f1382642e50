package io.gammastraddle.training.search;

import java.util.List;
import java.util.NavigableMap;

/**
 * Optuna's MedianPruner (optuna/pruners/_median.py, a PercentilePruner at 50): a running trial is
 * stopped at step s when the best value it has reported so far is worse than the median of what the
 * complete trials reported at step s. Nothing is pruned until {@code startupTrials} trials have
 * completed, nor before step {@code warmupSteps}; a trial that reported only NaN is pruned.
 *
 * <p>Optuna's {@code interval_steps} and {@code n_min_trials} are left out: the objective decides
 * how often it reports, and one complete trial reporting at a step is enough to compare against.
 */
public final class MedianPruner implements Pruner {

  private final int startupTrials;
  private final int warmupSteps;

  /** Optuna's defaults: 5 start-up trials, no warm-up. */
  public MedianPruner() {
    this(5, 0);
  }

  /**
   * @param startupTrials complete trials needed before anything is pruned
   * @param warmupSteps steps a trial runs before it can be pruned (steps count from 0)
   */
  public MedianPruner(int startupTrials, int warmupSteps) {
    if (startupTrials < 0 || warmupSteps < 0) {
      throw new IllegalArgumentException(
          "need startupTrials >= 0 and warmupSteps >= 0, got "
              + startupTrials
              + ", "
              + warmupSteps);
    }
    this.startupTrials = startupTrials;
    this.warmupSteps = warmupSteps;
  }

  @Override
  public boolean shouldPrune(NavigableMap<Integer, Double> intermediateValues, List<Trial> trials) {
    List<Trial> complete = trials.stream().filter(Trial::isComplete).toList();
    int step = intermediateValues.lastKey();
    if (complete.isEmpty() || complete.size() < startupTrials || step < warmupSteps) {
      return false;
    }
    double best =
        intermediateValues.values().stream()
            .mapToDouble(Double::doubleValue)
            .filter(v -> !Double.isNaN(v))
            .min()
            .orElse(Double.NaN);
    if (Double.isNaN(best)) {
      return true;
    }
    double[] atStep =
        complete.stream()
            .map(t -> t.intermediateValues().get(step))
            .filter(v -> v != null && !v.isNaN())
            .mapToDouble(Double::doubleValue)
            .sorted()
            .toArray();
    return atStep.length > 0 && best > median(atStep);
  }

  /** The median of sorted values, averaging the middle two (numpy.percentile at 50). */
  private static double median(double[] sorted) {
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
  }
}
