package io.gammastraddle.training.cv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WalkForwardTest {

  /**
   * Four blocks of two; sample i is [10i, 10i + 10], so each block's last sample touches the next.
   */
  private static final SampleIntervals FOUR_BLOCKS = HandMadeIntervals.evenlySpaced(8, 10, 10);

  @Test
  void expandingWindowTrainsOnEveryEarlierBlockPurged() {
    List<Fold> folds = WalkForward.expanding(4, 2).split(FOUR_BLOCKS);

    assertThat(folds).extracting(Fold::index).containsExactly(0, 1);
    assertThat(folds.get(0).test()).containsExactly(4, 5);
    assertThat(folds.get(0).train()).containsExactly(0, 1, 2);
    assertThat(folds.get(1).test()).containsExactly(6, 7);
    assertThat(folds.get(1).train()).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void rollingWindowTrainsOnTheLatestBlocksPurged() {
    List<Fold> folds = WalkForward.rolling(4, 2).split(FOUR_BLOCKS);

    assertThat(folds.get(0).test()).containsExactly(4, 5);
    assertThat(folds.get(0).train()).containsExactly(0, 1, 2);
    assertThat(folds.get(1).test()).containsExactly(6, 7);
    assertThat(folds.get(1).train()).containsExactly(2, 3, 4);
  }

  @Test
  void unevenBlocksPutTheExtraSampleFirst() {
    List<Fold> folds = WalkForward.rolling(3, 1).split(HandMadeIntervals.evenlySpaced(7, 10, 0));

    assertThat(folds.get(0).train()).containsExactly(0, 1, 2);
    assertThat(folds.get(0).test()).containsExactly(3, 4);
    assertThat(folds.get(1).train()).containsExactly(3, 4);
    assertThat(folds.get(1).test()).containsExactly(5, 6);
  }

  @Test
  void refusesWindowsThatLeaveNothingToTestOrTrain() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WalkForward.expanding(4, 4))
        .withMessage("training blocks must be in [1, 4), got 4");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WalkForward.rolling(4, 0))
        .withMessage("training blocks must be in [1, 4), got 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WalkForward.rolling(10, 4).split(FOUR_BLOCKS))
        .withMessage("10 walk-forward blocks need at least 10 samples, got 8");
  }

  @Test
  void everyTrainingSampleEndsBeforeItsTestBlockStartsOnRandomIntervals() {
    Random random = new Random(6);
    for (int trial = 0; trial < 200; trial++) {
      int size = 100 + random.nextInt(200);
      long[] starts = new long[size];
      long[] ends = new long[size];
      for (int i = 0; i < size; i++) {
        starts[i] = (i == 0 ? 0 : starts[i - 1]) + random.nextInt(11);
        ends[i] = starts[i] + random.nextInt(31);
      }
      SampleIntervals samples = SampleIntervals.of(starts, ends);
      WalkForward walk =
          random.nextBoolean() ? WalkForward.expanding(5, 2) : WalkForward.rolling(5, 2);

      for (Fold fold : walk.split(samples)) {
        long testStart = samples.start(fold.test()[0]);
        assertThat(Arrays.stream(fold.train()).mapToLong(samples::end).max().orElseThrow())
            .as("trial %d fold %d", trial, fold.index())
            .isLessThan(testStart);
      }
    }
  }
}
