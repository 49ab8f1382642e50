package io.gammastraddle.strategy;

import java.time.Duration;

/**
 * The entry signal's thresholds (issue 7, "Signal").
 *
 * @param minEdgeVolPoints how far, in volatility points, the forecast realized volatility must
 *     exceed the ATM implied volatility (2.0: a forecast of 57% against an implied 55%)
 * @param minLiquidityScore the lowest {@code liquidity_score} accepted
 * @param maxSpread the widest {@code spread} (straddle bid-ask over mid) accepted
 * @param maxDataAge the oldest feature vector and ATM straddle accepted, against the decision time
 * @param maxOpenStraddles open straddles allowed per underlying; no entry at or above it
 */
public record EntryRules(
    double minEdgeVolPoints,
    double minLiquidityScore,
    double maxSpread,
    Duration maxDataAge,
    int maxOpenStraddles) {

  public EntryRules {
    if (!Double.isFinite(minEdgeVolPoints)
        || !Double.isFinite(minLiquidityScore)
        || !(maxSpread > 0 && maxSpread < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "need a finite edge and liquidity minimum and a positive finite maximum spread: edge="
              + minEdgeVolPoints
              + " liquidity="
              + minLiquidityScore
              + " spread="
              + maxSpread);
    }
    if (maxDataAge == null || maxDataAge.isNegative() || maxDataAge.isZero()) {
      throw new IllegalArgumentException("maximum data age must be positive: " + maxDataAge);
    }
    if (maxOpenStraddles < 1) {
      throw new IllegalArgumentException(
          "at least one open straddle must be allowed: " + maxOpenStraddles);
    }
  }

  /** The edge as a volatility fraction, the unit of the features and the implied volatility. */
  double minEdge() {
    return minEdgeVolPoints / 100;
  }
}
