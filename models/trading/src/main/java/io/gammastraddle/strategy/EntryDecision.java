package io.gammastraddle.strategy;

import io.gammastraddle.chain.AtmStraddle;
import java.util.List;

/**
 * What the entry signal decided at one decision tick: ENTER a long ATM straddle with the
 * prediction's parameters, or SKIP with every gate that failed.
 *
 * @param timestamp the decision time (event time, ms)
 * @param forecastVol forecast realized volatility, a fraction; NaN when unknown
 * @param impliedVol the ATM straddle's implied volatility, a fraction; NaN without a straddle
 * @param straddle the straddle to buy (ENTER), or the one judged (SKIP; null if there was none)
 * @param parameters size, take-profit and stop-loss (ENTER); the prediction judged, or null (SKIP)
 * @param failures empty for ENTER; for SKIP every failed gate, in the order they are checked
 */
public record EntryDecision(
    String underlying,
    long timestamp,
    Action action,
    double forecastVol,
    double impliedVol,
    AtmStraddle straddle,
    PredictedParameters parameters,
    List<GateFailure> failures) {

  /** Whether to enter. */
  public enum Action {
    ENTER,
    SKIP
  }

  public EntryDecision {
    failures = List.copyOf(failures);
    if ((action == Action.ENTER) != failures.isEmpty()) {
      throw new IllegalArgumentException(
          "an entry has no failed gate and a skip at least one: " + action + " " + failures);
    }
    if (action == Action.ENTER && (straddle == null || parameters == null)) {
      throw new IllegalArgumentException("an entry needs its straddle and parameters");
    }
  }

  public boolean enters() {
    return action == Action.ENTER;
  }

  /** The reasons of the failed gates, in order. */
  public List<SkipReason> reasons() {
    return failures.stream().map(GateFailure::reason).toList();
  }
}
