package io.gammastraddle.training.cv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TimeOrderedHoldoutTest {

  @Test
  void validatesOnTheLatestFifthAndPurgesTrainingAgainstIt() {
    // sample i is [10i, 10i + 10]: sample 7 ends at 80, exactly when the tail starts
    Fold split = new TimeOrderedHoldout(0.2).split(HandMadeIntervals.evenlySpaced(10, 10, 10));

    assertThat(split.index()).isZero();
    assertThat(split.test()).containsExactly(8, 9);
    assertThat(split.train()).containsExactly(0, 1, 2, 3, 4, 5, 6);
  }

  @Test
  void keepsEveryEarlierSampleThatEndsBeforeTheTail() {
    Fold split = new TimeOrderedHoldout(0.2).split(HandMadeIntervals.evenlySpaced(10, 10, 9));

    assertThat(split.train()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void roundsTheTailToTheNearestSample() {
    SampleIntervals samples = HandMadeIntervals.evenlySpaced(7, 10, 0);

    assertThat(new TimeOrderedHoldout(0.2).split(samples).test()).containsExactly(6);
    assertThat(new TimeOrderedHoldout(0.3).split(samples).test()).containsExactly(5, 6);
  }

  @Test
  void refusesATailOfNothingOrEverything() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new TimeOrderedHoldout(0.2).split(HandMadeIntervals.evenlySpaced(2, 10, 0)))
        .withMessageContaining("is 0 samples");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new TimeOrderedHoldout(0.9).split(HandMadeIntervals.evenlySpaced(2, 10, 0)))
        .withMessageContaining("is 2 samples");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new TimeOrderedHoldout(1))
        .withMessageContaining("(0, 1)");
  }

  @Test
  void purgesALongEarlySampleAndRefusesWhenNothingIsLeft() {
    SampleIntervals samples = HandMadeIntervals.of(0, 100, 10, 20, 20, 30, 30, 40, 40, 50);

    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new TimeOrderedHoldout(0.2).split(HandMadeIntervals.evenlySpaced(5, 1, 10)))
        .withMessageContaining("no training sample left");
    assertThat(new TimeOrderedHoldout(0.2).split(samples).train()).containsExactly(1, 2);
  }
}
