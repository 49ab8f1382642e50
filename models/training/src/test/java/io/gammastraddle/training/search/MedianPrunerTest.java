package io.gammastraddle.training.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MedianPrunerTest {

  /** Five complete trials whose values at steps 0..2 have medians 3, 2 and 1. */
  private static final List<Trial> FIVE_COMPLETE =
      List.of(
          complete(0, Map.of(0, 1.0, 1, 0.5, 2, 0.2)),
          complete(1, Map.of(0, 2.0, 1, 1.0, 2, 0.5)),
          complete(2, Map.of(0, 3.0, 1, 2.0, 2, 1.0)),
          complete(3, Map.of(0, 4.0, 1, 3.0, 2, 2.0)),
          complete(4, Map.of(0, 5.0, 1, 4.0, 2, 3.0)));

  private final MedianPruner pruner = new MedianPruner();

  @Test
  void prunesATrialWorseThanTheMedianAtItsStepAndKeepsABetterOne() {
    assertThat(pruner.shouldPrune(values(Map.of(0, 9.0, 1, 2.5)), FIVE_COMPLETE)).isTrue();
    assertThat(pruner.shouldPrune(values(Map.of(0, 9.0, 1, 1.5)), FIVE_COMPLETE)).isFalse();
  }

  @Test
  void comparesTheBestValueSoFarNotTheLastOne() {
    // Last value 2.5 is above the step-2 median of 1, but the best so far (0.8) is below it.
    assertThat(pruner.shouldPrune(values(Map.of(0, 0.8, 1, 2.0, 2, 2.5)), FIVE_COMPLETE)).isFalse();
  }

  @Test
  void doesNothingUntilFiveTrialsHaveCompleted() {
    List<Trial> fourCompleteOnePruned = new ArrayList<>(FIVE_COMPLETE.subList(0, 4));
    fourCompleteOnePruned.add(
        new Trial(
            4, Map.of("x", 0), Trial.State.PRUNED, Double.NaN, values(Map.of(0, 0.1, 1, 0.1))));
    NavigableMap<Integer, Double> clearlyBad = values(Map.of(0, 100.0));

    assertThat(pruner.shouldPrune(clearlyBad, fourCompleteOnePruned)).isFalse();
    assertThat(pruner.shouldPrune(clearlyBad, FIVE_COMPLETE)).isTrue();
  }

  @Test
  void doesNothingDuringTheWarmupSteps() {
    MedianPruner warmingUp = new MedianPruner(5, 2);

    assertThat(warmingUp.shouldPrune(values(Map.of(0, 100.0, 1, 100.0)), FIVE_COMPLETE)).isFalse();
    assertThat(warmingUp.shouldPrune(values(Map.of(0, 100.0, 1, 100.0, 2, 100.0)), FIVE_COMPLETE))
        .isTrue();
  }

  @Test
  void averagesTheMiddleTwoOfAnEvenCount() {
    List<Trial> four = FIVE_COMPLETE.subList(0, 4);
    MedianPruner afterFour = new MedianPruner(4, 0);

    // Step 0 values 1, 2, 3, 4: the median is 2.5.
    assertThat(afterFour.shouldPrune(values(Map.of(0, 2.4)), four)).isFalse();
    assertThat(afterFour.shouldPrune(values(Map.of(0, 2.6)), four)).isTrue();
  }

  @Test
  void keepsATrialAtAStepNoCompleteTrialReportedAndPrunesOneThatReportedOnlyNaN() {
    assertThat(pruner.shouldPrune(values(Map.of(7, 100.0)), FIVE_COMPLETE)).isFalse();
    assertThat(pruner.shouldPrune(values(Map.of(0, Double.NaN)), FIVE_COMPLETE)).isTrue();
  }

  private static Trial complete(int number, Map<Integer, Double> intermediateValues) {
    NavigableMap<Integer, Double> values = values(intermediateValues);
    return new Trial(
        number, Map.of("x", number), Trial.State.COMPLETE, values.lastEntry().getValue(), values);
  }

  private static NavigableMap<Integer, Double> values(Map<Integer, Double> byStep) {
    return new TreeMap<>(byStep);
  }
}
