package io.gammastraddle.training.cv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PurgedKFoldTest {

  /**
   * Three folds of four samples. Fold 0 spans [0, 25] (sample 3 is long), fold 1 spans [10, 20]
   * (its latest end is sample 5's, not the last sample's), fold 2 spans [15, 40].
   */
  private static final SampleIntervals THREE_FOLDS =
      HandMadeIntervals.of(
          0, 3, // 0: ends long before fold 1
          1, 9, // 1: ends 1 ms before fold 1 starts
          2, 10, // 2: ends exactly when fold 1 starts
          3, 25, // 3: spans all of fold 1
          10, 14, // 4..7: fold 1
          11, 20, //
          12, 13, //
          13, 15, //
          15, 30, // 8: starts inside fold 1 and ends after it
          20, 22, // 9: starts exactly when fold 1's span ends, after its last sample's end
          21, 23, // 10: starts 1 ms after fold 1's span
          31, 40); // 11

  private static List<Fold> threeFolds(long embargoMillis) {
    return new PurgedKFold(3, Duration.ofMillis(embargoMillis)).split(THREE_FOLDS);
  }

  @Test
  void middleFoldPurgesOverlapBeforeAfterSpanningAndTouchingEndpoints() {
    Fold middle = threeFolds(0).get(1);

    assertThat(middle.index()).isEqualTo(1);
    assertThat(middle.test()).containsExactly(4, 5, 6, 7);
    assertThat(middle.train()).containsExactly(0, 1, 10, 11);
  }

  @Test
  void firstFoldKeepsOnlySamplesStartingAfterItsSpan() {
    Fold first = threeFolds(0).get(0);

    assertThat(first.test()).containsExactly(0, 1, 2, 3);
    assertThat(first.train()).containsExactly(11);
  }

  @Test
  void lastFoldKeepsOnlySamplesEndingBeforeItsSpan() {
    Fold last = threeFolds(0).get(2);

    assertThat(last.test()).containsExactly(8, 9, 10, 11);
    assertThat(last.train()).containsExactly(0, 1, 2, 4, 6);
  }

  @Test
  void embargoAfterEachFoldDropsTheSamplesStartingWithinIt() {
    List<Fold> folds = threeFolds(2);

    assertThat(folds.get(0).train()).containsExactly(11);
    assertThat(folds.get(1).train()).containsExactly(0, 1, 11);
    assertThat(folds.get(2).train()).containsExactly(0, 1, 2, 4, 6);
  }

  /**
   * Samples [10i, 10i + 5] in two folds; fold 0 spans [0, 35], so the embargo reaches 35 + e and
   * drops exactly the fold-1 samples starting at 40, 50, ... up to it, boundary included.
   */
  @ParameterizedTest(name = "embargo {0} ms keeps {1}")
  @CsvSource({"0, 4 5 6 7", "4, 4 5 6 7", "5, 5 6 7", "14, 5 6 7", "15, 6 7", "40, ''"})
  void embargoRemovesExactlyTheSamplesStartingWithinItAfterTheFold(long embargo, String kept) {
    SampleIntervals samples = HandMadeIntervals.evenlySpaced(8, 10, 5);
    int[] expected =
        kept.isEmpty()
            ? new int[0]
            : Arrays.stream(kept.split(" ")).mapToInt(Integer::parseInt).toArray();

    if (expected.length == 0) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> new PurgedKFold(2, Duration.ofMillis(embargo)).split(samples))
          .withMessageContaining("fold 0")
          .withMessageContaining("no training sample left");
      return;
    }
    List<Fold> folds = new PurgedKFold(2, Duration.ofMillis(embargo)).split(samples);
    assertThat(folds.get(0).train()).containsExactly(expected);
    assertThat(folds.get(1).train()).as("no embargo before a fold").containsExactly(0, 1, 2, 3);
  }

  @Test
  void embargoCanBeAFractionOfTheWholeSpan() {
    SampleIntervals samples = HandMadeIntervals.evenlySpaced(11, 100, 0);

    assertThat(samples.fractionOfSpan(0.01)).isEqualTo(Duration.ofMillis(10));
    assertThat(samples.fractionOfSpan(0)).isEqualTo(Duration.ZERO);
  }

  @Test
  void foldSizesDifferByAtMostOneAndCoverTheSamplesInOrder() {
    List<Fold> folds =
        new PurgedKFold(5, Duration.ZERO).split(HandMadeIntervals.evenlySpaced(11, 10, 0));

    assertThat(folds).extracting(Fold::index).containsExactly(0, 1, 2, 3, 4);
    assertThat(folds.get(0).test()).containsExactly(0, 1, 2);
    assertThat(folds.get(1).test()).containsExactly(3, 4);
    assertThat(folds.get(4).test()).containsExactly(9, 10);
    assertThat(folds.get(4).train()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void samplesSharingAStartAcrossAFoldBoundaryPurgeEachOther() {
    SampleIntervals samples = HandMadeIntervals.of(0, 1, 5, 5, 5, 5, 9, 10);

    List<Fold> folds = new PurgedKFold(2, Duration.ZERO).split(samples);

    assertThat(folds.get(0).train()).containsExactly(3);
    assertThat(folds.get(1).train()).containsExactly(0);
  }

  @Test
  void refusesMoreFoldsThanSamples() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new PurgedKFold(5, Duration.ZERO).split(HandMadeIntervals.evenlySpaced(3, 10, 0)))
        .withMessage("5 folds need at least 5 samples, got 3");
  }

  @Test
  void refusesFewerThanTwoFoldsAndANegativeEmbargo() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PurgedKFold(1, Duration.ZERO))
        .withMessageContaining("at least 2 folds");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PurgedKFold(5, Duration.ofMillis(-1)))
        .withMessageContaining("embargo must not be negative");
  }

  @Test
  void refusesUnsortedStartsAndEndsBeforeStarts() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HandMadeIntervals.of(0, 5, 10, 15, 9, 20))
        .withMessage(
            "samples must be sorted by start: sample 2 starts at 9, before sample 1 at 10");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HandMadeIntervals.of(0, 5, 10, 9))
        .withMessage("sample 1 ends at 9 before it starts at 10");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SampleIntervals.of(new long[] {0, 1}, new long[] {1}))
        .withMessageContaining("2 starts but 1 ends");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SampleIntervals.of(new long[0], new long[0]))
        .withMessage("no samples");
  }

  @Test
  void foldIsACopyItsCallersCannotChange() {
    int[] train = {0, 1};
    Fold fold = new Fold(0, train, new int[] {2});

    train[0] = 7;
    fold.train()[1] = 7;

    assertThat(fold.train()).containsExactly(0, 1);
    assertThat(fold).isEqualTo(new Fold(0, new int[] {0, 1}, new int[] {2}));
  }

  /**
   * Random sorted intervals (ties included), horizons short next to the folds so every fold keeps
   * something to train on: no training sample overlaps its test span or starts within the embargo
   * after it, and every sample is tested exactly once.
   */
  @Test
  void noTrainingSampleTouchesItsTestSpanOrEmbargoOnRandomIntervals() {
    Random random = new Random(6);
    for (int trial = 0; trial < 500; trial++) {
      int folds = 2 + random.nextInt(9);
      int size = folds * 20 + random.nextInt(300);
      long[] starts = new long[size];
      long[] ends = new long[size];
      for (int i = 0; i < size; i++) {
        starts[i] = (i == 0 ? 1_700_000_000_000L : starts[i - 1]) + random.nextInt(11);
        ends[i] = starts[i] + random.nextInt(31);
      }
      long embargo = random.nextInt(21);
      SampleIntervals samples = SampleIntervals.of(starts, ends);

      List<Fold> split = new PurgedKFold(folds, Duration.ofMillis(embargo)).split(samples);

      assertThat(split.stream().flatMapToInt(fold -> Arrays.stream(fold.test())).toArray())
          .containsExactly(IntStream.range(0, size).toArray());
      for (Fold fold : split) {
        int[] test = fold.test();
        long spanStart = Arrays.stream(test).mapToLong(samples::start).min().orElseThrow();
        long spanEnd = Arrays.stream(test).mapToLong(samples::end).max().orElseThrow();
        int[] train = fold.train();
        assertThat(train).as("trial %d fold %d", trial, fold.index()).isNotEmpty();
        assertThat(
                Arrays.stream(train)
                    .filter(
                        i -> samples.end(i) >= spanStart && samples.start(i) <= spanEnd + embargo)
                    .toArray())
            .as(
                "trial %d fold %d: training samples in the test span or its embargo",
                trial, fold.index())
            .isEmpty();
      }
    }
  }
}
