package io.gammastraddle.training;

import io.gammastraddle.registry.ModelBundle;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How much the feature importances moved between the current model and a candidate: per target, the
 * {@linkplain FeatureImportance#overlap overlap} of the two share vectors, and their mean over the
 * targets. The goal is above {@link #GOAL}: a model whose important features change a lot from one
 * hour to the next is learning noise. Reported, never enforced.
 */
public record ImportanceStability(Map<Target, Double> byTarget, double mean) {

  /** The stability the issue aims for (issue 6: "goal above 90%"). */
  public static final double GOAL = 0.9;

  /** The bundle metric holding {@link #mean}, absent when there was no model to compare with. */
  public static final String METRIC = "importance_stability";

  public ImportanceStability {
    byTarget = Collections.unmodifiableMap(new EnumMap<>(byTarget));
  }

  /**
   * The stability of {@code candidate} against the importances {@code previous} keeps in its
   * metrics; empty when it keeps none for some target (a bundle made before they were kept).
   */
  public static Optional<ImportanceStability> between(
      Map<Target, FeatureImportance> candidate, ModelBundle previous) {
    Map<Target, Double> byTarget = new EnumMap<>(Target.class);
    for (Target target : Target.values()) {
      Optional<FeatureImportance> before =
          FeatureImportance.fromMetrics(previous.metrics(), target);
      if (before.isEmpty() || !candidate.containsKey(target)) {
        return Optional.empty();
      }
      byTarget.put(target, candidate.get(target).overlap(before.get()));
    }
    double mean = byTarget.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    return Optional.of(new ImportanceStability(byTarget, mean));
  }

  public boolean meetsGoal() {
    return mean > GOAL;
  }
}
