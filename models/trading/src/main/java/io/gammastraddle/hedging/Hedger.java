package io.gammastraddle.hedging;

import io.gammastraddle.hedging.HedgeDecision.Kind;
import io.gammastraddle.market.InstrumentKind;
import io.gammastraddle.orders.InstrumentRules;
import io.gammastraddle.orders.Side;
import java.util.Objects;

/**
 * Decides delta hedges with the perpetual: at once when |delta| exceeds the band; when the safety
 * timer has run since the last hedge, as soon as |delta| exceeds the smaller minimum; never while
 * another hedge is in flight.
 *
 * <p>A hedge offsets the delta: a positive delta (long coin) sells the perpetual, a negative one
 * buys it. The amount is |delta| * index in USD, rounded down to whole contracts ({@link
 * InstrumentRules#amountStep()}: 10 USD on BTC-PERPETUAL, 1 USD on ETH-PERPETUAL), so a hedge never
 * overshoots and what is left is below one contract; below one contract nothing is sent.
 *
 * <p>Usage in the strategy operator: {@code decide}; on {@link Kind#SEND} price the order (an IOC
 * {@link io.gammastraddle.orders.LimitPricer}), hand it to the sink and record it with {@link
 * HedgeState#sent}; on {@link Kind#CHECK_STATUS} ask the sink to query the label and record {@link
 * HedgeState#statusChecked}; on the hedge's final report update the positions, then {@link
 * HedgeState#finished}.
 */
public record Hedger(HedgePolicy policy, InstrumentRules perpetual) {

  public Hedger {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(perpetual, "perpetual");
    if (perpetual.kind() != InstrumentKind.PERPETUAL) {
      throw new IllegalArgumentException("Hedges trade a perpetual, not " + perpetual.instrument());
    }
  }

  /**
   * The hedge decision at {@code now}.
   *
   * @param delta the portfolio's delta in coin, hedges included (Deribit's premium-adjusted option
   *     deltas plus the perpetual position's)
   * @param indexPrice the underlying's index in USD
   */
  public HedgeDecision decide(HedgeState state, double delta, double indexPrice, long now) {
    if (!Double.isFinite(delta)) {
      throw new IllegalArgumentException("Portfolio delta must be finite: " + delta);
    }
    if (!(indexPrice > 0 && Double.isFinite(indexPrice))) {
      throw new IllegalArgumentException("Index price must be positive: " + indexPrice);
    }
    InFlightHedge inFlight = state.inFlight();
    if (inFlight != null) {
      return inFlight(state, inFlight, delta, now);
    }
    double size = Math.abs(delta);
    String trigger;
    if (size > policy.band()) {
      trigger = "delta " + delta + " beyond the band " + policy.band();
    } else if (timerExpired(state, now) && size > policy.minDelta()) {
      trigger =
          "delta "
              + delta
              + " beyond the minimum "
              + policy.minDelta()
              + " and no hedge for "
              + policy.safetyInterval().toMillis()
              + " ms";
    } else {
      return new HedgeDecision(
          Kind.WITHIN_BAND, null, 0, delta, "delta " + delta + " within the band " + policy.band());
    }
    double amountUsd = perpetual.roundAmountDown(size * indexPrice);
    if (amountUsd < perpetual.minAmount()) {
      return new HedgeDecision(
          Kind.WITHIN_BAND,
          null,
          0,
          delta,
          trigger + ", but " + size * indexPrice + " USD is below one contract");
    }
    Side side = delta > 0 ? Side.SELL : Side.BUY;
    return new HedgeDecision(Kind.SEND, side, amountUsd, delta, trigger);
  }

  private HedgeDecision inFlight(HedgeState state, InFlightHedge hedge, double delta, long now) {
    long lastHeard = Math.max(hedge.sentAt(), state.lastStatusCheckAt());
    long silent = now - lastHeard;
    if (silent < policy.pendingTimeout().toMillis()) {
      return new HedgeDecision(
          Kind.WAIT_IN_FLIGHT,
          null,
          0,
          delta,
          "hedge " + hedge.label() + " in flight for " + (now - hedge.sentAt()) + " ms");
    }
    return new HedgeDecision(
        Kind.CHECK_STATUS,
        null,
        0,
        delta,
        "no final report for hedge "
            + hedge.label()
            + " after "
            + silent
            + " ms: ask the exchange by label");
  }

  private boolean timerExpired(HedgeState state, long now) {
    return state.lastHedgeAt() == HedgeState.NEVER
        || now - state.lastHedgeAt() >= policy.safetyInterval().toMillis();
  }
}
