package io.gammastraddle.scoring;

/**
 * The trees of a LightGBM model in a layout made for evaluating them: {@link QuickScorer} when
 * every tree has at most 32 leaves, {@link LockstepWalk} otherwise.
 */
sealed interface TreeEnsemble permits QuickScorer, LockstepWalk {
  /** Number of trees. */
  int trees();

  /**
   * The sum, in tree order as LightGBM adds them, of the leaf each tree sends {@code features} to;
   * the row has the model's feature count (checked by the caller).
   */
  double rawScore(double[] features);
}
