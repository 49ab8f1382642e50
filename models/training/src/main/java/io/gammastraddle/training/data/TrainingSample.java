package io.gammastraddle.training.data;

/**
 * One labelled sample as the trainer reads it from {@code gsb.samples} (docs/ml.md): the features
 * at entry, the interval it covers (for purging), and the outcomes.
 *
 * @param entryTime t0 (epoch ms)
 * @param endTime the end of its horizon: what happened up to here made its label
 * @param features in the order of {@code featureNames} of the set it belongs to; NaN when unknown
 */
public record TrainingSample(
    String underlying,
    long entryTime,
    long endTime,
    double[] features,
    double maxFavourable,
    double maxAdverse,
    double hedgedPnl) {}
