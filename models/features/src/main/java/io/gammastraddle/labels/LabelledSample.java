package io.gammastraddle.labels;

import java.util.Arrays;

/**
 * One training sample: the feature vector at a candidate entry and what buying the at-the-money
 * straddle then, delta-hedged, actually did over the horizon. Outcomes are fractions of the premium
 * paid, after fees (docs/ml.md).
 *
 * @param entryTime t0, the decision tick of the entry (event time, ms)
 * @param endTime the last tick marked, at most t0 + horizon
 * @param features the vector at t0, in the order of {@code schemaVersion}
 * @param premiumUsd what the straddle cost at t0: both legs at the ask, in USD at the forward
 * @param maxFavourable the best hedged P&L reached over the horizon (0 if never positive)
 * @param maxAdverse the worst hedged P&L reached, as a positive number (0 if never negative)
 * @param hedgedPnl the hedged P&L at the end of the horizon
 * @param marks how many ticks marked the position
 */
public record LabelledSample(
    String underlying,
    long entryTime,
    long endTime,
    String call,
    String put,
    int schemaVersion,
    double[] features,
    double premiumUsd,
    double maxFavourable,
    double maxAdverse,
    double hedgedPnl,
    int marks) {

  @Override
  public boolean equals(Object other) {
    return other instanceof LabelledSample that
        && underlying.equals(that.underlying)
        && entryTime == that.entryTime
        && endTime == that.endTime
        && call.equals(that.call)
        && put.equals(that.put)
        && schemaVersion == that.schemaVersion
        && Arrays.equals(features, that.features)
        && Double.compare(premiumUsd, that.premiumUsd) == 0
        && Double.compare(maxFavourable, that.maxFavourable) == 0
        && Double.compare(maxAdverse, that.maxAdverse) == 0
        && Double.compare(hedgedPnl, that.hedgedPnl) == 0
        && marks == that.marks;
  }

  @Override
  public int hashCode() {
    return (underlying.hashCode() * 31 + Long.hashCode(entryTime)) * 31 + Arrays.hashCode(features);
  }

  @Override
  public String toString() {
    return "LabelledSample["
        + underlying
        + " @"
        + entryTime
        + " "
        + call
        + "/"
        + put
        + " mfe="
        + maxFavourable
        + " mae="
        + maxAdverse
        + " pnl="
        + hedgedPnl
        + "]";
  }
}
