package io.gammastraddle.training.cv;

/**
 * A validation tail for early stopping: the latest samples by start become the validation set and
 * the earlier ones, purged against the tail's span (rules in {@link SampleIntervals}), the training
 * set. No embargo is needed because nothing is trained on after the tail.
 *
 * <pre>{@code
 * Fold split = new TimeOrderedHoldout(0.2).split(samples); // VAL_SIZE 0.2
 * // fit on split.train(), stop early on split.test()
 * }</pre>
 */
public final class TimeOrderedHoldout {

  private final double validationFraction;

  /**
   * @param validationFraction the share of samples in the tail, in (0, 1); the tail size is rounded
   *     to the nearest sample
   */
  public TimeOrderedHoldout(double validationFraction) {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "validation fraction must be in (0, 1), got " + validationFraction);
    }
    this.validationFraction = validationFraction;
  }

  /**
   * One fold with index 0: {@code test} is the validation tail, {@code train} what precedes it.
   *
   * @throws IllegalArgumentException when the tail rounds to no sample or to all of them, or when
   *     purging leaves nothing to train on
   */
  public Fold split(SampleIntervals samples) {
    int size = samples.size();
    int tail = (int) Math.round(size * validationFraction);
    if (tail < 1 || tail >= size) {
      throw new IllegalArgumentException(
          "a validation tail of "
              + validationFraction
              + " of "
              + size
              + " samples is "
              + tail
              + " samples: need at least one to validate and one to train");
    }
    int tailFrom = size - tail;
    return samples.purgedFold(0, 0, tailFrom, tailFrom, size, 0);
  }
}
