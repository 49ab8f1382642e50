package io.gammastraddle.training.search;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SearchSpaceTest {

  @Test
  void refusesEmptyOrBackwardRangesAndLogScalesThatReachZero() {
    assertThatThrownBy(() -> Parameter.uniform("x", 1, 1)).hasMessageContaining("low < high");
    assertThatThrownBy(() -> Parameter.uniform("x", 2, 1)).hasMessageContaining("low < high");
    assertThatThrownBy(() -> Parameter.logUniform("rate", 0, 1)).hasMessageContaining("low > 0");
    assertThatThrownBy(() -> new Parameter("depth", 1.5, 4, false, true))
        .hasMessageContaining("whole");
  }

  @Test
  void refusesDuplicateNamesAndAnEmptySpace() {
    assertThatThrownBy(
            () -> SearchSpace.of(Parameter.uniform("x", 0, 1), Parameter.uniform("x", 0, 2)))
        .hasMessageContaining("duplicate parameter x");
    assertThatThrownBy(SearchSpace::of).hasMessageContaining("at least one");
  }
}
