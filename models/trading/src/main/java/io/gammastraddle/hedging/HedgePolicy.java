package io.gammastraddle.hedging;

import java.time.Duration;
import java.util.Objects;

/**
 * When the portfolio's delta is hedged with the perpetual.
 *
 * @param band hedge at once when |delta| exceeds this, in coin
 * @param safetyInterval hedge a smaller delta too when no hedge was sent for this long
 * @param minDelta the smallest |delta| the safety timer hedges, in coin; below {@code band}
 * @param pendingTimeout how long a hedge may stay without a final report before the hedger asks for
 *     a status check by label instead of sending blindly
 */
public record HedgePolicy(
    double band, Duration safetyInterval, double minDelta, Duration pendingTimeout) {

  public HedgePolicy {
    Objects.requireNonNull(safetyInterval, "safetyInterval");
    Objects.requireNonNull(pendingTimeout, "pendingTimeout");
    if (!(band > 0 && Double.isFinite(band))) {
      throw new IllegalArgumentException("Hedge band must be positive: " + band);
    }
    if (!(minDelta >= 0 && minDelta < band)) {
      throw new IllegalArgumentException(
          "Minimum delta must be in [0, band " + band + "): " + minDelta);
    }
    if (safetyInterval.isNegative() || safetyInterval.isZero()) {
      throw new IllegalArgumentException("Safety interval must be positive: " + safetyInterval);
    }
    if (pendingTimeout.isNegative() || pendingTimeout.isZero()) {
      throw new IllegalArgumentException("Pending timeout must be positive: " + pendingTimeout);
    }
  }
}
