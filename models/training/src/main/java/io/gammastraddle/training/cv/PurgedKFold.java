package io.gammastraddle.training.cv;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * K-fold cross-validation for samples whose labels span time: K contiguous test folds in time order
 * (sizes differ by at most one sample), each trained on every other sample that survives purging
 * against the fold's span and the embargo after it (rules in {@link SampleIntervals}). This is the
 * {@code PurgedKFold} of López de Prado, <i>Advances in Financial Machine Learning</i>, section
 * 7.4.3, except that the embargo is a duration and samples before the fold are purged by the same
 * inclusive overlap rule as those after it.
 *
 * <pre>{@code
 * SampleIntervals samples = SampleIntervals.of(entryTimes, entryTimesPlusHorizon);
 * for (Fold fold : new PurgedKFold(5, Duration.ofMinutes(30)).split(samples)) {
 *   // fit on fold.train(), score on fold.test()
 * }
 * }</pre>
 */
public final class PurgedKFold {

  private final int folds;
  private final long embargoMillis;

  /**
   * @param folds K, at least 2
   * @param embargo how long after a test fold's span training samples may not start; zero for
   *     purging alone ({@link SampleIntervals#fractionOfSpan} converts de Prado's fraction)
   */
  public PurgedKFold(int folds, Duration embargo) {
    if (folds < 2) {
      throw new IllegalArgumentException("need at least 2 folds, got " + folds);
    }
    if (embargo.isNegative()) {
      throw new IllegalArgumentException("embargo must not be negative, got " + embargo);
    }
    this.folds = folds;
    this.embargoMillis = embargo.toMillis();
  }

  /**
   * The K folds in time order; together their test sets hold every sample exactly once.
   *
   * @throws IllegalArgumentException with fewer samples than folds, or when purging and the embargo
   *     leave a fold nothing to train on
   */
  public List<Fold> split(SampleIntervals samples) {
    int[] bounds = ContiguousBlocks.bounds(samples.size(), folds, "folds");
    List<Fold> result = new ArrayList<>(folds);
    for (int k = 0; k < folds; k++) {
      result.add(samples.purgedFold(k, 0, samples.size(), bounds[k], bounds[k + 1], embargoMillis));
    }
    return List.copyOf(result);
  }
}
