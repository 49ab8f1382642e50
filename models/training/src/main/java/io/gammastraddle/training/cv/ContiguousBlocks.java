package io.gammastraddle.training.cv;

/** Cuts samples into contiguous blocks in time order whose sizes differ by at most one. */
final class ContiguousBlocks {

  private ContiguousBlocks() {}

  /**
   * The boundaries of the blocks: block b holds samples [bounds[b], bounds[b + 1]). The first
   * {@code samples % blocks} blocks hold one sample more than the others.
   *
   * @param blockName what the blocks are called in the error message, e.g. "folds"
   */
  static int[] bounds(int samples, int blocks, String blockName) {
    if (blocks > samples) {
      throw new IllegalArgumentException(
          blocks + " " + blockName + " need at least " + blocks + " samples, got " + samples);
    }
    int[] bounds = new int[blocks + 1];
    for (int b = 0; b < blocks; b++) {
      bounds[b + 1] = bounds[b] + samples / blocks + (b < samples % blocks ? 1 : 0);
    }
    return bounds;
  }
}
