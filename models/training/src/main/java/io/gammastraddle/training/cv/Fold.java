package io.gammastraddle.training.cv;

import java.util.Arrays;

/**
 * One split of the samples: indices (into {@link SampleIntervals} order, ascending) to train on and
 * to test on. Immutable: the arrays are copied in and every accessor returns a fresh copy.
 *
 * @param index the fold's position in its split, from 0, in time order of the test samples
 * @param train the training samples left after purging (and embargo, where the split has one)
 * @param test the contiguous test samples
 */
public record Fold(int index, int[] train, int[] test) {

  public Fold {
    if (index < 0) {
      throw new IllegalArgumentException("fold index must not be negative, got " + index);
    }
    train = train.clone();
    test = test.clone();
  }

  @Override
  public int[] train() {
    return train.clone();
  }

  @Override
  public int[] test() {
    return test.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Fold that
        && index == that.index
        && Arrays.equals(train, that.train)
        && Arrays.equals(test, that.test);
  }

  @Override
  public int hashCode() {
    return (index * 31 + Arrays.hashCode(train)) * 31 + Arrays.hashCode(test);
  }

  @Override
  public String toString() {
    return "Fold[" + index + ", train " + train.length + " samples, test " + test.length + "]";
  }
}
