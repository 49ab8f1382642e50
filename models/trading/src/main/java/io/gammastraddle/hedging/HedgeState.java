package io.gammastraddle.hedging;

import io.gammastraddle.orders.OrderLabel;
import io.gammastraddle.orders.Side;

/**
 * What the hedger remembers between decisions: the hedge in flight, when the last hedge was sent,
 * and when a status check was last asked for. Immutable; each transition returns the next state.
 *
 * @param inFlight the hedge awaiting its final report; null when none
 * @param lastHedgeAt when the last hedge was sent; {@link #NEVER} before the first
 * @param lastStatusCheckAt when the last status check of the hedge in flight was asked for; {@link
 *     #NEVER} when none was
 */
public record HedgeState(InFlightHedge inFlight, long lastHedgeAt, long lastStatusCheckAt) {

  public static final long NEVER = Long.MIN_VALUE;

  public static HedgeState initial() {
    return new HedgeState(null, NEVER, NEVER);
  }

  /**
   * The hedge {@code label} was handed to the sink.
   *
   * @throws IllegalStateException when another hedge is in flight: the guard was bypassed
   */
  public HedgeState sent(OrderLabel label, Side side, double amountUsd, long now) {
    if (inFlight != null) {
      throw new IllegalStateException(
          "Hedge " + label + " sent while " + inFlight.label() + " is in flight");
    }
    return new HedgeState(new InFlightHedge(label, side, amountUsd, now), now, NEVER);
  }

  /** A status check of the hedge in flight was asked for at {@code now}. */
  public HedgeState statusChecked(long now) {
    return new HedgeState(inFlight, lastHedgeAt, now);
  }

  /**
   * The hedge {@code label} reached a final state (filled, cancelled, rejected, or unknown to the
   * exchange after a status check). Reports about other labels (older hedges) change nothing.
   *
   * <p>The fill must already be in the portfolio delta the next decision sees, or that decision
   * would hedge the same delta again: apply the fill to the positions first, then call this.
   */
  public HedgeState finished(OrderLabel label) {
    if (inFlight == null || !inFlight.label().equals(label)) {
      return this;
    }
    return new HedgeState(null, lastHedgeAt, NEVER);
  }
}
