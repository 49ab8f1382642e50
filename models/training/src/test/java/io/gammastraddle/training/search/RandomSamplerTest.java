package io.gammastraddle.training.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomSamplerTest {

  private static final SearchSpace SPACE =
      SearchSpace.of(
          Parameter.logUniform("rate", 1e-3, 10),
          Parameter.intUniform("depth", 1, 4),
          Parameter.intLogUniform("leaves", 1, 1000),
          Parameter.uniform("fraction", 0.5, 1));

  private static List<Map<String, Number>> draws(int count) {
    RandomSampler sampler = new RandomSampler(9);
    return IntStream.range(0, count).mapToObj(i -> sampler.sample(SPACE, List.of())).toList();
  }

  @Test
  void logParametersAreUniformInTheirLogarithm() {
    List<Map<String, Number>> draws = draws(4000);

    // log10 spans [-3, 1]; half of it lies below 0.1. A linear draw would land there 1% of the
    // time.
    assertThat(share(draws, p -> p.get("rate").doubleValue() < 0.1)).isCloseTo(0.5, within(0.04));
    // An integer owns [v - 0.5, v + 0.5] before the log: P(leaves <= 31) = ln(31.5 / 0.5) /
    // ln(1000.5 / 0.5).
    assertThat(share(draws, p -> p.get("leaves").intValue() <= 31))
        .isCloseTo(Math.log(63) / Math.log(2001), within(0.04));
  }

  @Test
  void everyIntegerIncludingTheEndsIsEquallyLikely() {
    List<Map<String, Number>> draws = draws(4000);

    for (int depth = 1; depth <= 4; depth++) {
      int value = depth;
      assertThat(share(draws, p -> p.get("depth").intValue() == value))
          .isCloseTo(0.25, within(0.03));
    }
  }

  @Test
  void valuesStayWithinBoundsWithIntegersAsInteger() {
    for (Map<String, Number> params : draws(1000)) {
      assertThat(params.keySet()).containsExactly("rate", "depth", "leaves", "fraction");
      assertThat(params.get("depth")).isInstanceOf(Integer.class);
      assertThat(params.get("leaves")).isInstanceOf(Integer.class);
      assertThat(params.get("fraction")).isInstanceOf(Double.class);
      for (Parameter parameter : SPACE.parameters()) {
        assertThat(params.get(parameter.name()).doubleValue())
            .isBetween(parameter.low(), parameter.high());
      }
    }
  }

  private static double share(
      List<Map<String, Number>> draws,
      java.util.function.Predicate<Map<String, Number>> condition) {
    return draws.stream().filter(condition).count() / (double) draws.size();
  }
}
