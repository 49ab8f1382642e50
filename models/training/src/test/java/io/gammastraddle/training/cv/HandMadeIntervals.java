package io.gammastraddle.training.cv;

/** Small interval sets written out by hand, in milliseconds from 0. */
final class HandMadeIntervals {

  private HandMadeIntervals() {}

  /** Samples from alternating start and end values: {@code of(0, 3, 1, 9)} is [0, 3], [1, 9]. */
  static SampleIntervals of(long... startsAndEnds) {
    long[] starts = new long[startsAndEnds.length / 2];
    long[] ends = new long[starts.length];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = startsAndEnds[2 * i];
      ends[i] = startsAndEnds[2 * i + 1];
    }
    return SampleIntervals.of(starts, ends);
  }

  /** Sample i is [i * step, i * step + length]. */
  static SampleIntervals evenlySpaced(int samples, long step, long length) {
    long[] starts = new long[samples];
    long[] ends = new long[samples];
    for (int i = 0; i < samples; i++) {
      starts[i] = i * step;
      ends[i] = starts[i] + length;
    }
    return SampleIntervals.of(starts, ends);
  }
}
