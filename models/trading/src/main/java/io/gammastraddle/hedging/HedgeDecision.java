package io.gammastraddle.hedging;

import io.gammastraddle.orders.Side;
import java.util.Objects;

/**
 * What the hedger decided, and why.
 *
 * @param side the perpetual order's side when {@link Kind#SEND}; null otherwise
 * @param amountUsd the perpetual order's amount in USD, a whole number of contracts, when {@link
 *     Kind#SEND}; 0 otherwise
 * @param delta the portfolio delta the decision saw, in coin
 */
public record HedgeDecision(Kind kind, Side side, double amountUsd, double delta, String reason) {

  /** The decision. */
  public enum Kind {
    /** Send a perpetual order of {@code amountUsd} on {@code side}. */
    SEND,
    /** A hedge is in flight and within its pending timeout: send nothing. */
    WAIT_IN_FLIGHT,
    /**
     * A hedge has been in flight past the pending timeout: ask the exchange for its state by label
     * (it may have filled unseen) rather than send another.
     */
    CHECK_STATUS,
    /** The delta needs no hedge: inside the band, or below one contract. */
    WITHIN_BAND
  }

  public HedgeDecision {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
  }
}
