package io.gammastraddle.strategy;

import java.time.Duration;

/**
 * What {@link StraddleExit} decided for one straddle at one instant.
 *
 * @param pnlOverPremium the hedged P&L as a fraction of the premium, what take-profit and stop-loss
 *     were compared with
 * @param timeToExpiry from the decision to the legs' expiry (negative once expired)
 */
public record ExitDecision(ExitAction action, double pnlOverPremium, Duration timeToExpiry) {

  public boolean exits() {
    return action != ExitAction.HOLD;
  }
}
