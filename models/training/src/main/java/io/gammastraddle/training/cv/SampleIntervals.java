package io.gammastraddle.training.cv;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The interval [start, end] (epoch ms, both inclusive) that each sample's label depends on: t0 and
 * t0 + H for a straddle sample. Samples are indexed in order of start; every split in this package
 * returns indices into this order.
 *
 * <p>Purging (López de Prado, <i>Advances in Financial Machine Learning</i>, section 7.4.1): a test
 * span runs from the earliest start to the latest end of its samples; a training sample is purged
 * when its interval shares any instant with that span, touching endpoints included. A label that
 * ends at the instant a test sample starts has seen the price the test features are computed from,
 * so it counts as overlap. Embargo (section 7.4.2): a training sample is also dropped when it
 * starts within the embargo after the span's end, {@code spanEnd < start <= spanEnd + embargo}, so
 * features that are serially correlated with the test labels do not reach training. Put together, a
 * training sample is kept when {@code end < spanStart || start > spanEnd + embargo}.
 */
public final class SampleIntervals {

  private final long[] starts;
  private final long[] ends;

  private SampleIntervals(long[] starts, long[] ends) {
    this.starts = starts;
    this.ends = ends;
  }

  /**
   * Takes copies of the arrays after checking them.
   *
   * @param starts each sample's t0, non-decreasing (equal starts are allowed)
   * @param ends each sample's t0 + H, not before its start
   * @throws IllegalArgumentException when empty, of different lengths, unsorted or an end precedes
   *     its start
   */
  public static SampleIntervals of(long[] starts, long[] ends) {
    if (starts.length != ends.length) {
      throw new IllegalArgumentException(
          starts.length + " starts but " + ends.length + " ends: need one of each per sample");
    }
    if (starts.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    for (int i = 0; i < starts.length; i++) {
      if (ends[i] < starts[i]) {
        throw new IllegalArgumentException(
            "sample " + i + " ends at " + ends[i] + " before it starts at " + starts[i]);
      }
      if (i > 0 && starts[i] < starts[i - 1]) {
        throw new IllegalArgumentException(
            "samples must be sorted by start: sample "
                + i
                + " starts at "
                + starts[i]
                + ", before sample "
                + (i - 1)
                + " at "
                + starts[i - 1]);
      }
    }
    return new SampleIntervals(starts.clone(), ends.clone());
  }

  public int size() {
    return starts.length;
  }

  public long start(int sample) {
    return starts[sample];
  }

  public long end(int sample) {
    return ends[sample];
  }

  /**
   * An embargo given as a fraction of the time from the first start to the latest end. López de
   * Prado's {@code pctEmbargo} counts samples instead (section 7.4.2); the two agree when samples
   * are evenly spaced in time, and a duration stays meaningful when they are not.
   *
   * @param fraction in [0, 1]
   */
  public Duration fractionOfSpan(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in [0, 1], got " + fraction);
    }
    long span = Arrays.stream(ends).max().orElseThrow() - starts[0];
    return Duration.ofMillis(Math.round(fraction * span));
  }

  /**
   * The fold testing samples [testFrom, testTo) and training on the samples of [trainFrom, trainTo)
   * outside the test that survive purging and the embargo.
   *
   * @throws IllegalArgumentException when no training sample survives
   */
  Fold purgedFold(
      int index, int trainFrom, int trainTo, int testFrom, int testTo, long embargoMillis) {
    long spanStart = starts[testFrom];
    long spanEnd = Arrays.stream(ends, testFrom, testTo).max().orElseThrow();
    int[] train =
        IntStream.range(trainFrom, trainTo)
            .filter(i -> i < testFrom || i >= testTo)
            .filter(i -> ends[i] < spanStart || starts[i] - spanEnd > embargoMillis)
            .toArray();
    if (train.length == 0) {
      throw new IllegalArgumentException(
          "fold "
              + index
              + " (test samples "
              + testFrom
              + ".."
              + (testTo - 1)
              + ", span ["
              + spanStart
              + ", "
              + spanEnd
              + "]) has no training sample left after purging and an embargo of "
              + embargoMillis
              + " ms: the intervals are too long for this split");
    }
    int[] test = IntStream.range(testFrom, testTo).toArray();
    return new Fold(index, train, test);
  }
}
