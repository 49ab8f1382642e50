package io.gammastraddle.training.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Samples every parameter independently and uniformly in its transformed range: uniform on a linear
 * scale, log-uniform on a log scale, integers rounded from [low - 0.5, high + 0.5] so each has the
 * same chance (Optuna's RandomSampler). The baseline TPE is measured against, and TPE's own
 * start-up phase.
 */
public final class RandomSampler implements Sampler {

  private final RandomGenerator random;

  /** A sampler whose draws are fixed by {@code seed}. */
  public RandomSampler(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public Map<String, Number> sample(SearchSpace space, List<Trial> trials) {
    return draw(space, random);
  }

  static Map<String, Number> draw(SearchSpace space, RandomGenerator random) {
    Map<String, Number> params = new LinkedHashMap<>();
    for (Parameter parameter : space.parameters()) {
      double transformed =
          random.nextDouble(parameter.transformedLow(), parameter.transformedHigh());
      params.put(parameter.name(), parameter.box(parameter.untransform(transformed)));
    }
    return params;
  }
}
