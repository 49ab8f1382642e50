package io.gammastraddle.training.search;

import java.util.List;
import java.util.Map;

/**
 * Chooses the parameters of the next trial. Implementations hold a seeded random generator, so the
 * same sequence of calls gives the same parameters; they are not thread-safe.
 */
public interface Sampler {

  /**
   * Parameters for the next trial.
   *
   * @param space what to sample
   * @param trials every finished trial of the study, in number order
   * @return a value for every parameter of {@code space}, within bounds
   */
  Map<String, Number> sample(SearchSpace space, List<Trial> trials);
}
