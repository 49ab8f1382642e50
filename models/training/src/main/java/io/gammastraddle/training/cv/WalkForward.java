package io.gammastraddle.training.cv;

import java.util.ArrayList;
import java.util.List;

/**
 * Walk-forward evaluation: the samples are cut into contiguous blocks in time order (sizes differ
 * by at most one sample); each fold tests on one block and trains on blocks before it, purged
 * against the test block's span (rules in {@link SampleIntervals}). An expanding window trains on
 * every earlier block, a rolling one on a fixed number of the latest blocks. Nothing later than the
 * test is trained on, so no embargo is needed.
 *
 * <pre>{@code
 * // 10 blocks; folds test blocks 4..9, each trained on the 4 blocks before it
 * List<Fold> folds = WalkForward.rolling(10, 4).split(samples);
 * }</pre>
 */
public final class WalkForward {

  private final int blocks;
  private final int trainBlocks;
  private final boolean rolling;

  private WalkForward(int blocks, int trainBlocks, boolean rolling) {
    if (trainBlocks < 1 || trainBlocks >= blocks) {
      throw new IllegalArgumentException(
          "training blocks must be in [1, " + blocks + "), got " + trainBlocks);
    }
    this.blocks = blocks;
    this.trainBlocks = trainBlocks;
    this.rolling = rolling;
  }

  /**
   * Folds test blocks {@code firstTrainBlocks..blocks-1}, each trained on all blocks before it.
   *
   * @param blocks how many blocks to cut the samples into
   * @param firstTrainBlocks how many blocks the first fold trains on
   */
  public static WalkForward expanding(int blocks, int firstTrainBlocks) {
    return new WalkForward(blocks, firstTrainBlocks, false);
  }

  /**
   * Folds test blocks {@code trainBlocks..blocks-1}, each trained on the {@code trainBlocks} blocks
   * just before it.
   */
  public static WalkForward rolling(int blocks, int trainBlocks) {
    return new WalkForward(blocks, trainBlocks, true);
  }

  /**
   * {@code blocks - trainBlocks} folds in time order, indexed from 0.
   *
   * @throws IllegalArgumentException with fewer samples than blocks, or when purging leaves a fold
   *     nothing to train on
   */
  public List<Fold> split(SampleIntervals samples) {
    int[] bounds = ContiguousBlocks.bounds(samples.size(), blocks, "walk-forward blocks");
    List<Fold> result = new ArrayList<>(blocks - trainBlocks);
    for (int testBlock = trainBlocks; testBlock < blocks; testBlock++) {
      int trainFrom = rolling ? bounds[testBlock - trainBlocks] : 0;
      result.add(
          samples.purgedFold(
              testBlock - trainBlocks,
              trainFrom,
              bounds[testBlock],
              bounds[testBlock],
              bounds[testBlock + 1],
              0));
    }
    return List.copyOf(result);
  }
}
